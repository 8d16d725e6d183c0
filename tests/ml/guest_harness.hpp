// Test/benchmark harness: runs a wasm32-wasi guest in our engine with WASI bound and the
// host's "tc" imports (open, call) bound directly to an MlService — a minimal stand-in
// for the container host's dispatcher (src/host), used to test the demo natively and to
// time the two inference paths (bench/ml). Endpoint 1 is the `ml` grant; with
// grant_ml = false every open() is refused with abi::kDenied and counted, as the host does.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "ml/ml_service.hpp"
#include "wasm/execution.hpp"
#include "wasm/store.hpp"
#include "wasm/wasi/context.hpp"
#include "wasm/wasi/host.hpp"
#include "wasm/wasi/io.hpp"

namespace tc::ml::test {

class GuestHarness {
 public:
  static Result<std::unique_ptr<GuestHarness>> create(const std::string& wasm_path, MlService& service,
                                                      bool grant_ml, std::string uid = "ml-digits");
  ~GuestHarness();
  // Runs the program's _start: its exit code (0 when main returned 0), or an Error on a trap.
  Result<int> run_main();
  // Calls an exported function with i32 arguments and one i32 result.
  Result<std::int32_t> call(std::string_view export_name, std::span<const std::int32_t> args = {});
  [[nodiscard]] const std::string& output() const noexcept { return sink_.text; }
  [[nodiscard]] std::uint64_t denials() const noexcept { return denials_; }
  [[nodiscard]] std::uint64_t endpoint_calls() const noexcept { return calls_; }

 private:
  struct StringSink final : wasi::OutputSink {
    std::string text;
    bool write(std::span<const std::uint8_t> b) noexcept override {
      text.append(reinterpret_cast<const char*>(b.data()), b.size());
      return true;
    }
  };
  GuestHarness(MlService& service, bool grant_ml, std::string uid)
      : service_(service), grant_ml_(grant_ml), uid_(std::move(uid)) {}
  static wasm::HostStatus tc_open(wasm::HostContext& ctx, const wasm::Value* args, wasm::Value* results);
  static wasm::HostStatus tc_now_us(wasm::HostContext& ctx, const wasm::Value* args, wasm::Value* results);
  static wasm::HostStatus tc_call(wasm::HostContext& ctx, const wasm::Value* args, wasm::Value* results);

  MlService& service_;
  bool grant_ml_;
  std::string uid_;
  std::unique_ptr<host::Session> session_;
  std::uint64_t denials_ = 0, calls_ = 0;
  StringSink sink_;
  wasi::PosixHost posix_;
  std::unique_ptr<wasi::WasiContext> wasi_;
  std::unique_ptr<wasm::Store> store_;
  wasm::Instance* instance_ = nullptr;
  std::unique_ptr<wasm::Execution> exec_;
};

}  // namespace tc::ml::test
