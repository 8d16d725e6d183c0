#include "wasm/module_validator.hpp"

#include <algorithm>
#include <string>

#include "wasm/code.hpp"
#include "wasm/compiler.hpp"
#include "wasm/decoder.hpp"
#include "wasm/function_validator.hpp"

namespace tc::wasm {
namespace {

Result<void> invalid(std::string msg) { return make_error(Phase::validate, std::move(msg)); }

Result<void> check_limits(const LimitsRange& l, std::uint64_t bound, const char* what) {
  if (l.min > bound || (l.has_max && l.max > bound)) return invalid(std::string(what));
  if (l.has_max && l.min > l.max) return invalid("size minimum must not be greater than maximum");
  return {};
}

// Type of a constant expression; `globals_visible` bounds global.get.
Result<ValType> const_type(const Module& m, const ConstExpr& e, std::size_t globals_visible) {
  switch (e.kind) {
    case ConstExpr::Kind::value:
    case ConstExpr::Kind::ref_null:
      return e.type;
    case ConstExpr::Kind::global_get:
      if (e.index >= globals_visible) return make_error(Phase::validate, "unknown global");
      if (m.globals[e.index].mut) return make_error(Phase::validate, "constant expression required");
      return m.globals[e.index].type;
    case ConstExpr::Kind::ref_func:
      if (e.index >= m.funcs.size()) return make_error(Phase::validate, "unknown function");
      return ValType::funcref;
  }
  return make_error(Phase::validate, "constant expression required");
}

Result<void> expect_const(const Module& m, const ConstExpr& e, ValType t, std::size_t visible) {
  auto ct = const_type(m, e, visible);
  if (!ct) return std::unexpected(ct.error());
  if (*ct != t) return invalid("type mismatch in constant expression");
  return {};
}

Result<void> validate_structure(Module& m) {
  for (std::uint32_t t : m.funcs)
    if (t >= m.types.size()) return invalid("unknown type");
  for (const TableType& t : m.tables)
    if (auto r = check_limits(t.limits, 0xFFFFFFFFull, "table size"); !r) return r;
  if (m.memories.size() > 1) return invalid("multiple memories");
  for (const MemoryType& t : m.memories)
    if (auto r = check_limits(t.limits, 65536, "memory size must be at most 65536 pages (4GiB)"); !r) return r;
  // C.refs: functions referenced outside function bodies (§3.4.10).
  m.declared_refs.assign(m.funcs.size(), 0);
  auto mark = [&](const ConstExpr& e) {
    if (e.kind == ConstExpr::Kind::ref_func && e.index < m.funcs.size()) m.declared_refs[e.index] = 1;
  };
  for (const GlobalDef& g : m.global_defs) mark(g.init);
  for (const ElemSegment& s : m.elems) for (const ConstExpr& e : s.items) mark(e);
  for (const Export& e : m.exports)
    if (e.kind == ExternKind::func && e.index < m.funcs.size()) m.declared_refs[e.index] = 1;

  for (const GlobalDef& g : m.global_defs)
    if (auto r = expect_const(m, g.init, g.type.type, m.num_imported_globals); !r) return r;
  std::vector<std::string_view> names;
  for (const Export& e : m.exports) {
    std::size_t bound = 0;
    switch (e.kind) {
      case ExternKind::func: bound = m.funcs.size(); break;
      case ExternKind::table: bound = m.tables.size(); break;
      case ExternKind::memory: bound = m.memories.size(); break;
      case ExternKind::global: bound = m.globals.size(); break;
    }
    if (e.index >= bound) return invalid(std::string("unknown ") + std::string(to_string(e.kind)));
    names.push_back(e.name);
  }
  std::sort(names.begin(), names.end());
  if (std::adjacent_find(names.begin(), names.end()) != names.end()) return invalid("duplicate export name");
  if (m.start) {
    if (*m.start >= m.funcs.size()) return invalid("unknown function");
    const FuncType& ft = m.func_type(*m.start);
    if (!ft.params.empty() || !ft.results.empty()) return invalid("start function must have type [] -> []");
  }
  for (const ElemSegment& s : m.elems) {
    if (s.mode == SegmentMode::active) {
      if (s.table >= m.tables.size()) return invalid("unknown table");
      if (m.tables[s.table].elem != s.type) return invalid("type mismatch: element segment type");
      if (auto r = expect_const(m, s.offset, ValType::i32, m.num_imported_globals); !r) return r;
    }
    for (const ConstExpr& e : s.items)
      if (auto r = expect_const(m, e, s.type, m.num_imported_globals); !r) return r;
  }
  for (const DataSegment& d : m.datas) {
    if (d.mode != SegmentMode::active) continue;
    if (d.memory >= m.memories.size()) return invalid("unknown memory");
    if (auto r = expect_const(m, d.offset, ValType::i32, m.num_imported_globals); !r) return r;
  }
  return {};
}

}  // namespace

Result<void> validate_module(Module& m, std::span<const std::uint8_t> bytes, const Limits& limits) {
  if (auto r = validate_structure(m); !r) return r;
  Compiler compiler(interpreter_handlers());
  m.code.clear();
  m.code.reserve(m.bodies.size());
  for (std::size_t i = 0; i < m.bodies.size(); ++i) m.code.push_back(std::make_unique<CompiledFunction>());
  for (std::size_t i = 0; i < m.bodies.size(); ++i) {
    const FunctionBody& b = m.bodies[i];
    const auto idx = static_cast<std::uint32_t>(m.num_imported_funcs + i);
    auto f = validate_function(m, idx, bytes.subspan(b.code_offset, b.code_size), limits, compiler, *m.code[i]);
    if (!f) {
      Error e = f.error();
      e.message += " (function " + std::to_string(idx) + ")";
      return std::unexpected(std::move(e));
    }
  }
  return {};
}

Module::Module() = default;
Module::~Module() = default;
Module::Module(Module&&) noexcept = default;
Module& Module::operator=(Module&&) noexcept = default;

const Export* Module::find_export(std::string_view name) const noexcept {
  for (const Export& e : exports)
    if (e.name == name) return &e;
  return nullptr;
}

Result<std::shared_ptr<const Module>> load_module(std::span<const std::uint8_t> bytes, const Limits& limits) {
  auto m = std::make_shared<Module>();
  if (auto r = decode_module(bytes, limits, *m); !r) return std::unexpected(r.error());
  if (auto r = validate_module(*m, bytes, limits); !r) return std::unexpected(r.error());
  return std::shared_ptr<const Module>(std::move(m));
}

std::string_view to_string(ValType t) noexcept {
  switch (t) {
    case ValType::i32: return "i32";
    case ValType::i64: return "i64";
    case ValType::f32: return "f32";
    case ValType::f64: return "f64";
    case ValType::v128: return "v128";
    case ValType::funcref: return "funcref";
    case ValType::externref: return "externref";
  }
  return "unknown";
}

std::string_view to_string(ExternKind k) noexcept {
  switch (k) {
    case ExternKind::func: return "function";
    case ExternKind::table: return "table";
    case ExternKind::memory: return "memory";
    case ExternKind::global: return "global";
  }
  return "unknown";
}

}  // namespace tc::wasm
