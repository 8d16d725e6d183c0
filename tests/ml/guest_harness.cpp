// Minimal guest harness (see guest_harness.hpp).
#include "guest_harness.hpp"

#include <chrono>
#include <fstream>
#include <iterator>

#include "wasm/module.hpp"
#include "wasm/wasi/bind.hpp"

namespace tc::ml::test {

using wasm::HostStatus;
using wasm::Value;
using wasm::ValType;

GuestHarness::~GuestHarness() = default;

Result<std::unique_ptr<GuestHarness>> GuestHarness::create(const std::string& wasm_path, MlService& service,
                                                           bool grant_ml, std::string uid) {
  std::ifstream in(wasm_path, std::ios::binary);
  if (!in) return make_error(Phase::io, "cannot read " + wasm_path);
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::unique_ptr<GuestHarness> h(new GuestHarness(service, grant_ml, std::move(uid)));
  wasm::Limits lim;
  lim.max_memory_pages = 64;
  auto mod = wasm::load_module(bytes, lim);
  if (!mod) return std::unexpected(mod.error());
  wasi::WasiConfig cfg;
  cfg.args = {"ml_digits"};
  cfg.stdout_sink = &h->sink_;
  cfg.stderr_sink = &h->sink_;
  cfg.host = &h->posix_;
  auto ctx = wasi::WasiContext::create(std::move(cfg));
  if (!ctx) return std::unexpected(ctx.error());
  h->wasi_ = std::move(*ctx);
  h->store_ = std::make_unique<wasm::Store>(lim);
  wasm::Imports imports;
  if (auto r = wasi::bind_wasi(*h->store_, **mod, *h->wasi_, imports); !r) return std::unexpected(r.error());
  auto* open = h->store_->create_host_function(wasm::FuncType{{ValType::i32}, {ValType::i32}}, &tc_open, h.get());
  auto* call = h->store_->create_host_function(
      wasm::FuncType{{ValType::i32, ValType::i32, ValType::i32, ValType::i32, ValType::i32}, {ValType::i32}},
      &tc_call, h.get());
  auto* now = h->store_->create_host_function(wasm::FuncType{{}, {ValType::i64}}, &tc_now_us, h.get());
  imports.add("tc", "now_us", wasm::Extern{wasm::ExternKind::func, now});
  imports.add("tc", "open", wasm::Extern{wasm::ExternKind::func, open});
  imports.add("tc", "call", wasm::Extern{wasm::ExternKind::func, call});
  auto inst = h->store_->instantiate(*mod, imports);
  if (!inst) return std::unexpected(inst.error());
  h->instance_ = *inst;
  h->exec_ = std::make_unique<wasm::Execution>(*h->store_);
  return h;
}

HostStatus GuestHarness::tc_open(wasm::HostContext& ctx, const Value* args, Value* results) {
  auto* h = static_cast<GuestHarness*>(ctx.user);
  ++h->calls_;
  if (!h->grant_ml_ || args[0].as_u32() != 1) {
    ++h->denials_;
    results[0] = Value::i32(static_cast<std::uint32_t>(host::abi::kDenied));
    return HostStatus::ok;
  }
  metadata::GrantView grant{};
  grant.endpoint_id = 1;
  grant.peer = "ml";
  h->session_ = h->service_.open(host::OpenRequest{h->uid_, grant, nullptr}).session;
  results[0] = Value::i32(0);
  return HostStatus::ok;
}

HostStatus GuestHarness::tc_call(wasm::HostContext& ctx, const Value* args, Value* results) {
  auto* h = static_cast<GuestHarness*>(ctx.user);
  ++h->calls_;
  auto ret = [&](std::int32_t v) { results[0] = Value::i32(static_cast<std::uint32_t>(v)); return HostStatus::ok; };
  if (args[0].as_i32() != 0 || !h->session_) return ret(host::abi::kBadHandle);
  const std::uint32_t req = args[1].as_u32(), req_len = args[2].as_u32();
  const std::uint32_t resp = args[3].as_u32(), resp_cap = args[4].as_u32();
  if (ctx.memory == nullptr) return ret(host::abi::kBadMemory);
  const std::uint64_t size = ctx.memory->size_bytes;
  if (req > size || req_len > size - req || resp > size || resp_cap > size - resp) return ret(host::abi::kBadMemory);
  std::span<std::uint8_t> guest(ctx.memory->data, size);
  return ret(h->session_->call(guest, guest.subspan(req, req_len), guest.subspan(resp, resp_cap)));
}

HostStatus GuestHarness::tc_now_us(wasm::HostContext&, const Value*, Value* results) {
  const auto t = std::chrono::steady_clock::now().time_since_epoch();
  results[0] = Value::i64(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(t).count()));
  return HostStatus::ok;
}

Result<int> GuestHarness::run_main() {
  auto* start = instance_->find_function("_start");
  if (start == nullptr) return make_error(Phase::instantiate, "no _start export");
  const auto r = wasm::invoke(*exec_, start, {});
  if (r.status == wasm::RunStatus::completed) return 0;
  if (r.status == wasm::RunStatus::exited) return r.exit_code;
  return make_error(Phase::exec, std::string("guest trapped: ") + (r.host_reason ? r.host_reason : "trap"));
}

Result<std::int32_t> GuestHarness::call(std::string_view export_name, std::span<const std::int32_t> args) {
  auto* f = instance_->find_function(export_name);
  if (f == nullptr) return make_error(Phase::instantiate, "no export " + std::string(export_name));
  std::vector<Value> v;
  for (auto a : args) v.push_back(Value::i32(static_cast<std::uint32_t>(a)));
  const auto r = wasm::invoke(*exec_, f, v);
  if (r.status != wasm::RunStatus::completed || exec_->results().empty())
    return make_error(Phase::exec, "export " + std::string(export_name) + " did not complete");
  return exec_->results()[0].as_i32();
}

}  // namespace tc::ml::test
