#include "wasm/execution.hpp"

#include <string>

#include "wasm/code.hpp"
#include "wasm/interpreter.hpp"

namespace tc::wasm {

std::string_view trap_message(TrapKind k) noexcept {
  switch (k) {
    case TrapKind::none: return "no trap";
    case TrapKind::unreachable: return "unreachable";
    case TrapKind::memory_out_of_bounds: return "out of bounds memory access";
    case TrapKind::table_out_of_bounds: return "out of bounds table access";
    case TrapKind::undefined_element: return "undefined element";
    case TrapKind::uninitialized_element: return "uninitialized element";
    case TrapKind::indirect_call_type_mismatch: return "indirect call type mismatch";
    case TrapKind::integer_divide_by_zero: return "integer divide by zero";
    case TrapKind::integer_overflow: return "integer overflow";
    case TrapKind::invalid_conversion_to_integer: return "invalid conversion to integer";
    case TrapKind::call_stack_exhausted: return "call stack exhausted";
    case TrapKind::null_reference: return "null reference";
    case TrapKind::host_trap: return "host function trapped";
  }
  return "trap";
}

Execution::Execution(Store& store) : store_(store) {}

Execution::~Execution() {
  const Platform& p = store_.platform();
  if (stack_) p.free(p.ctx, stack_, static_cast<std::size_t>(stack_end_ - stack_) * sizeof(std::uint64_t));
  if (frames_) p.free(p.ctx, frames_, frame_capacity_ * sizeof(Frame));
}

Result<void> Execution::start(Function* func, std::span<const Value> args) {
  if (!func) return make_error(Phase::exec, "no function to call");
  if (state_ == State::suspended) return make_error(Phase::exec, "execution is suspended; reset() first");
  if (args.size() != func->type->params.size())
    return make_error(Phase::exec, "wrong number of arguments: expected " +
                                       std::to_string(func->type->params.size()) + ", got " +
                                       std::to_string(args.size()));
  const Platform& p = store_.platform();
  const Limits& lim = store_.limits();
  if (!stack_) {
    const std::size_t cells = lim.max_value_stack < 64 ? 64 : lim.max_value_stack;
    stack_ = static_cast<std::uint64_t*>(p.alloc_zeroed(p.ctx, cells * sizeof(std::uint64_t)));
    if (!stack_) return make_error(Phase::exec, "cannot allocate the value stack");
    stack_end_ = stack_ + cells;
    frame_capacity_ = lim.max_call_depth;
    frames_ = static_cast<Frame*>(p.alloc_zeroed(p.ctx, (frame_capacity_ + 1) * sizeof(Frame)));
    if (!frames_) return make_error(Phase::exec, "cannot allocate the frame stack");
  }
  if (args.size() + func->type->results.size() > static_cast<std::size_t>(stack_end_ - stack_))
    return make_error(Phase::exec, "too many arguments for the value stack");
  for (std::size_t i = 0; i < args.size(); ++i) stack_[i] = args[i].bits;
  entry_ = func;
  results_.assign(func->type->results.size(), Value{});
  args_.assign(args.begin(), args.end());
  state_ = State::ready;
  return {};
}

Result<void> Execution::start(const Instance& instance, std::string_view export_name, std::span<const Value> args) {
  Function* f = instance.find_function(export_name);
  if (!f) return make_error(Phase::exec, "no exported function '" + std::string(export_name) + "'");
  return start(f, args);
}

void Execution::reset() noexcept {
  state_ = State::idle;
  frame_count_ = 0;
  pc_ = nullptr;
}

RunResult Execution::run_host(std::uint64_t fuel) noexcept {
  RunResult r;
  if (fuel == 0) { r.status = RunStatus::out_of_fuel; return r; }
  r.fuel_used = 1;
  HostContext ctx;
  ctx.user = entry_->user;
  const std::size_t np = entry_->type->params.size();
  const HostStatus st = entry_->host(ctx, reinterpret_cast<const Value*>(stack_),
                                     reinterpret_cast<Value*>(stack_ + np));
  state_ = State::idle;
  if (st == HostStatus::trap) {
    r.status = RunStatus::trapped;
    r.trap = TrapKind::host_trap;
    r.host_reason = ctx.trap_reason;
  } else if (st == HostStatus::exit) {
    r.status = RunStatus::exited;
    r.exit_code = ctx.exit_code;
  } else {
    r.status = RunStatus::completed;
    for (std::size_t i = 0; i < results_.size(); ++i) results_[i].bits = stack_[np + i];
  }
  return r;
}

RunResult Execution::run(std::uint64_t fuel) noexcept {
  if (state_ == State::idle) return RunResult{};
  if (state_ == State::ready) {
    if (!entry_->code) return run_host(fuel);
    const CompiledFunction& cf = *entry_->code;
    if (stack_ + cf.frame_cells > stack_end_) {
      state_ = State::idle;
      RunResult r;
      r.status = RunStatus::trapped;
      r.trap = TrapKind::call_stack_exhausted;
      return r;
    }
    fp_ = stack_;
    sp_ = stack_ + cf.num_params;
    for (std::uint32_t i = 0; i < cf.num_locals; ++i) *sp_++ = 0;
    pc_ = cf.code.data();
    inst_ = entry_->instance;
    frame_count_ = 0;
  }
  RunResult r = Interpreter::run(this, fuel, nullptr);
  if (r.status == RunStatus::out_of_fuel) {
    state_ = State::suspended;
  } else {
    state_ = State::idle;
    if (r.status == RunStatus::completed)
      for (std::size_t i = 0; i < results_.size(); ++i) results_[i].bits = stack_[i];
  }
  return r;
}

RunResult invoke(Execution& exec, Function* func, std::span<const Value> args) {
  if (auto r = exec.start(func, args); !r) {
    RunResult rr;
    rr.status = RunStatus::idle;
    return rr;
  }
  return exec.run(kFuelUnlimited);
}

}  // namespace tc::wasm
