// tinycontainer wasm — resumable execution with fuel (spec §4.4 "Instructions",
// §4.5.5 "Invocation").
//
// Contract:
// - An Execution owns one value stack and one explicit frame stack (sized by the Store's
//   Limits, allocated through its Platform); wasm calls never recurse in C++.
// - start() prepares a call of a function (wasm or host) with arguments; run(fuel)
//   executes until the call completes, traps, a host function requests exit, or fuel runs
//   out. Fuel is charged at loop back-edges (the static number of internal instructions
//   of the loop iteration) and at calls (1); it is checked only there. Out of fuel is
//   resumable: run() again continues exactly where execution stopped, and the sequence of
//   run(f1), run(f2), ... produces the same results and side effects as one run(f1+f2+...).
// - run() is noexcept and does not allocate. After completed/trapped/exited the
//   Execution is idle and can start() again.
// - Traps never leave the instance inconsistent: effects before the trap persist, as in
//   the spec.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "wasm/store.hpp"

namespace tc::wasm {

inline constexpr std::uint64_t kFuelUnlimited = ~std::uint64_t{0};

enum class TrapKind : std::uint8_t {
  none,
  unreachable,
  memory_out_of_bounds,
  table_out_of_bounds,
  undefined_element,
  uninitialized_element,
  indirect_call_type_mismatch,
  integer_divide_by_zero,
  integer_overflow,
  invalid_conversion_to_integer,
  call_stack_exhausted,
  null_reference,
  host_trap,
};
// The spec testsuite's wording: "unreachable", "out of bounds memory access", ...
[[nodiscard]] std::string_view trap_message(TrapKind k) noexcept;

enum class RunStatus : std::uint8_t { completed, trapped, out_of_fuel, exited, idle };

struct RunResult {
  RunStatus status = RunStatus::idle;
  TrapKind trap = TrapKind::none;
  const char* host_reason = nullptr;  // TrapKind::host_trap: the host's reason
  std::int32_t exit_code = 0;         // RunStatus::exited
  std::uint64_t fuel_used = 0;        // during this run() call
};

class Execution {
 public:
  explicit Execution(Store& store);
  ~Execution();
  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;

  // Errors (Phase::exec): wrong argument count, busy, stack allocation failure.
  Result<void> start(Function* func, std::span<const Value> args);
  Result<void> start(const Instance& instance, std::string_view export_name,
                     std::span<const Value> args);
  RunResult run(std::uint64_t fuel = kFuelUnlimited) noexcept;
  // Valid after RunStatus::completed: the function's results in order.
  [[nodiscard]] std::span<const Value> results() const noexcept { return results_; }
  [[nodiscard]] bool suspended() const noexcept { return state_ == State::suspended; }
  // Abandon a suspended call (the instance stays as the partial run left it).
  void reset() noexcept;

  struct Frame;  // interpreter internals (interpreter.cpp)

 private:
  enum class State : std::uint8_t { idle, ready, suspended };
  RunResult run_host(std::uint64_t fuel) noexcept;

  Store& store_;
  std::uint64_t* stack_ = nullptr;
  std::uint64_t* stack_end_ = nullptr;
  Frame* frames_ = nullptr;
  std::uint32_t frame_capacity_ = 0;
  std::uint32_t frame_count_ = 0;
  State state_ = State::idle;
  Function* entry_ = nullptr;
  // Saved registers of a suspended run.
  const std::uint64_t* pc_ = nullptr;
  std::uint64_t* sp_ = nullptr;
  std::uint64_t* fp_ = nullptr;
  Instance* inst_ = nullptr;
  std::vector<Value> results_;
  std::vector<Value> args_;
  friend struct Interpreter;
};

// Convenience: start + run with unlimited fuel.
RunResult invoke(Execution& exec, Function* func, std::span<const Value> args);

}  // namespace tc::wasm
