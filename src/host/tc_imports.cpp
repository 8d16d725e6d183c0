#include "host/tc_imports.hpp"

#include <array>
#include <string>

#include "host/guest_abi.hpp"

namespace tc::host {
namespace {

namespace w = tc::wasm;
using w::HostContext;
using w::HostStatus;
using w::Value;

EndpointTable& table(HostContext& ctx) { return *static_cast<EndpointTable*>(ctx.user); }
std::uint32_t u32(const Value& v) { return static_cast<std::uint32_t>(v.bits); }
std::int32_t i32(const Value& v) { return static_cast<std::int32_t>(static_cast<std::uint32_t>(v.bits)); }
void ret(Value* results, std::int32_t r) { results[0] = Value::i32(static_cast<std::uint32_t>(r)); }

std::span<std::uint8_t> whole(HostContext& ctx) {
  return ctx.memory && ctx.memory->data ? std::span<std::uint8_t>(ctx.memory->data, ctx.memory->size_bytes)
                                        : std::span<std::uint8_t>();
}
// Bounds-checked slice of guest memory; `ok` false when outside.
std::span<std::uint8_t> slice(HostContext& ctx, const Value& ptr, const Value& len, bool& ok) {
  const std::uint32_t n = u32(len);
  if (n == 0) return {};
  std::uint8_t* p = ctx.mem(u32(ptr), n);
  if (!p) ok = false;
  return p ? std::span<std::uint8_t>(p, n) : std::span<std::uint8_t>();
}

HostStatus tc_open(HostContext& ctx, const Value* a, Value* r) {
  ret(r, table(ctx).open(u32(a[0])));
  return HostStatus::ok;
}

HostStatus tc_read(HostContext& ctx, const Value* a, Value* r) {
  bool ok = true;
  auto out = slice(ctx, a[1], a[2], ok);
  if (!ok) { table(ctx).count_call(); ret(r, abi::kBadMemory); return HostStatus::ok; }
  ret(r, table(ctx).read(i32(a[0]), whole(ctx), out));
  return HostStatus::ok;
}

HostStatus tc_write(HostContext& ctx, const Value* a, Value* r) {
  bool ok = true;
  auto in = slice(ctx, a[1], a[2], ok);
  if (!ok) { table(ctx).count_call(); ret(r, abi::kBadMemory); return HostStatus::ok; }
  ret(r, table(ctx).write(i32(a[0]), whole(ctx), in));
  return HostStatus::ok;
}

HostStatus tc_close(HostContext& ctx, const Value* a, Value* r) {
  ret(r, table(ctx).close(i32(a[0])));
  return HostStatus::ok;
}

HostStatus tc_call(HostContext& ctx, const Value* a, Value* r) {
  bool ok = true;
  auto req = slice(ctx, a[1], a[2], ok);
  auto resp = slice(ctx, a[3], a[4], ok);
  if (!ok) { table(ctx).count_call(); ret(r, abi::kBadMemory); return HostStatus::ok; }
  ret(r, table(ctx).call(i32(a[0]), whole(ctx), req, resp));
  return HostStatus::ok;
}

HostStatus tc_now_us(HostContext& ctx, const Value*, Value* r) {
  r[0] = Value::i64(static_cast<std::uint64_t>(table(ctx).now_us()));
  return HostStatus::ok;
}

struct Binding {
  const char* name;
  w::HostFn fn;
  std::size_t params;
  w::ValType result;
};
constexpr std::array<Binding, 6> kBindings{{
    {"open", &tc_open, 1, w::ValType::i32},
    {"read", &tc_read, 3, w::ValType::i32},
    {"write", &tc_write, 3, w::ValType::i32},
    {"close", &tc_close, 1, w::ValType::i32},
    {"call", &tc_call, 5, w::ValType::i32},
    {"now_us", &tc_now_us, 0, w::ValType::i64},
}};

}  // namespace

Result<void> bind_tc(w::Store& store, const w::Module& module, EndpointTable& endpoints, w::Imports& imports) {
  for (const w::Import& imp : module.imports) {
    if (imp.module != abi::kModule) continue;
    const Binding* b = nullptr;
    for (const Binding& c : kBindings)
      if (imp.name == c.name) b = &c;
    if (!b) return make_error(Phase::instantiate, "tc: unknown import '" + imp.name + "'");
    w::FuncType type;
    type.params.assign(b->params, w::ValType::i32);
    type.results.push_back(b->result);
    if (imp.kind != w::ExternKind::func || module.types[imp.func_type] != type)
      return make_error(Phase::instantiate, "tc: import '" + imp.name + "' has the wrong type");
    w::Function* fn = store.create_host_function(type, b->fn, &endpoints);
    imports.add(abi::kModule, imp.name, w::Extern{w::ExternKind::func, fn});
  }
  return {};
}

}  // namespace tc::host
