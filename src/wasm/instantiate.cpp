// Store::instantiate — spec §4.5.4 "Instantiation".
#include <cstring>
#include <string>

#include "wasm/code.hpp"
#include "wasm/execution.hpp"
#include "wasm/store.hpp"

namespace tc::wasm {
namespace {

Result<void> fail(std::string msg) { return make_error(Phase::instantiate, std::move(msg)); }

// §4.5.3.3 "Limits" subtyping: actual {n1,m1} matches expected {n2,m2}.
bool limits_match(std::uint32_t actual_min, bool actual_has_max, std::uint32_t actual_max,
                  const LimitsRange& expected) {
  if (actual_min < expected.min) return false;
  if (!expected.has_max) return true;
  return actual_has_max && actual_max <= expected.max;
}

Result<void> check_import(const Module& m, const Import& im, const Extern& x) {
  auto incompatible = [&]() {
    return fail("incompatible import type: " + im.module + "." + im.name);
  };
  if (x.kind != im.kind || !x.object) return incompatible();
  switch (im.kind) {
    case ExternKind::func:
      if (!(*x.func()->type == m.types[im.func_type])) return incompatible();
      break;
    case ExternKind::table: {
      const Table& t = *x.table();
      if (t.type.elem != im.table.elem) return incompatible();
      if (!limits_match(static_cast<std::uint32_t>(t.elems.size()), t.type.limits.has_max, t.type.limits.max,
                        im.table.limits))
        return incompatible();
      break;
    }
    case ExternKind::memory: {
      const Memory& mem = *x.memory();
      if (!limits_match(mem.pages, mem.type.limits.has_max, mem.type.limits.max, im.memory.limits))
        return incompatible();
      break;
    }
    case ExternKind::global: {
      const Global& g = *x.global();
      if (g.type.type != im.global.type || g.type.mut != im.global.mut) return incompatible();
      break;
    }
  }
  return {};
}

Value eval_const(const Instance& inst, const ConstExpr& e) {
  switch (e.kind) {
    case ConstExpr::Kind::value: return e.value;
    case ConstExpr::Kind::global_get: return inst.globals[e.index]->value;
    case ConstExpr::Kind::ref_null: return Value::null_ref();
    case ConstExpr::Kind::ref_func: return Value::funcref(inst.funcs[e.index]);
  }
  return {};
}

}  // namespace

Result<Instance*> Store::instantiate(std::shared_ptr<const Module> module, const Imports& imports,
                                     const InstantiateOptions& options) {
  const Module& m = *module;
  auto owned = std::make_unique<Instance>();
  Instance& inst = *owned;
  inst.module = module;
  inst.store = this;
  // 1. Resolve and check imports.
  for (const Import& im : m.imports) {
    const Extern* x = imports.find(im.module, im.name);
    if (!x) return std::unexpected(Error{Phase::instantiate, "unknown import: " + im.module + "." + im.name, 0});
    if (auto r = check_import(m, im, *x); !r) return std::unexpected(r.error());
    switch (im.kind) {
      case ExternKind::func: inst.funcs.push_back(x->func()); break;
      case ExternKind::table: inst.tables.push_back(x->table()); break;
      case ExternKind::memory: inst.memories.push_back(x->memory()); break;
      case ExternKind::global: inst.globals.push_back(x->global()); break;
    }
  }
  for (const FuncType& t : m.types) inst.type_ids.push_back(type_id(t));
  // 2. Allocate functions, tables, memories, globals.
  for (std::size_t i = 0; i < m.bodies.size(); ++i) {
    auto f = std::make_unique<Function>();
    const std::uint32_t ti = m.funcs[m.num_imported_funcs + i];
    f->type_id = inst.type_ids[ti];
    f->type = types_[f->type_id].get();
    f->instance = &inst;
    f->code = m.code[i].get();
    inst.funcs.push_back(f.get());
    functions_.push_back(std::move(f));
  }
  for (std::size_t i = m.num_imported_tables; i < m.tables.size(); ++i) {
    auto t = create_table(m.tables[i]);
    if (!t) return std::unexpected(t.error());
    inst.tables.push_back(*t);
  }
  for (std::size_t i = m.num_imported_memories; i < m.memories.size(); ++i) {
    auto mem = create_memory(m.memories[i]);
    if (!mem) return std::unexpected(mem.error());
    inst.memories.push_back(*mem);
  }
  inst.mem0 = inst.memories.empty() ? &empty_memory_ : inst.memories[0];
  for (const GlobalDef& g : m.global_defs) inst.globals.push_back(create_global(g.type, eval_const(inst, g.init)));
  // 3. Evaluate element segments; data segments stay in the module.
  inst.elem_values.resize(m.elems.size());
  for (std::size_t i = 0; i < m.elems.size(); ++i) {
    if (m.elems[i].mode == SegmentMode::declarative) continue;  // dropped at once
    for (const ConstExpr& e : m.elems[i].items) inst.elem_values[i].push_back(eval_const(inst, e));
  }
  inst.data_dropped.assign(m.datas.size(), 0);
  Instance* result = owned.get();
  instances_.push_back(std::move(owned));
  // 4. Active segments in order (table.init / memory.init then drop); a trap aborts.
  for (std::size_t i = 0; i < m.elems.size(); ++i) {
    const ElemSegment& s = m.elems[i];
    if (s.mode != SegmentMode::active) continue;
    Table& t = *inst.tables[s.table];
    const std::uint64_t off = eval_const(inst, s.offset).as_u32();
    std::vector<Value>& vals = inst.elem_values[i];
    if (off + vals.size() > t.elems.size()) return std::unexpected(Error{Phase::instantiate, "out of bounds table access", 0});
    std::copy(vals.begin(), vals.end(), t.elems.begin() + static_cast<std::ptrdiff_t>(off));
    vals.clear();
  }
  for (std::size_t i = 0; i < m.datas.size(); ++i) {
    const DataSegment& d = m.datas[i];
    if (d.mode != SegmentMode::active) continue;
    Memory& mem = *inst.memories[d.memory];
    const std::uint64_t off = eval_const(inst, d.offset).as_u32();
    if (off + d.bytes.size() > mem.size_bytes) return std::unexpected(Error{Phase::instantiate, "out of bounds memory access", 0});
    if (!d.bytes.empty()) std::memcpy(mem.data + off, d.bytes.data(), d.bytes.size());
    inst.data_dropped[i] = 1;
  }
  // 5. Start function.
  if (m.start) {
    Execution exec(*this);
    if (auto r = exec.start(inst.funcs[*m.start], {}); !r) return std::unexpected(r.error());
    const RunResult rr = exec.run(options.start_fuel);
    if (rr.status == RunStatus::trapped)
      return std::unexpected(Error{Phase::instantiate, "start function trapped: " +
                                   std::string(rr.trap == TrapKind::host_trap && rr.host_reason ? rr.host_reason : trap_message(rr.trap)), 0});
    if (rr.status == RunStatus::out_of_fuel)
      return std::unexpected(Error{Phase::instantiate, "start function ran out of fuel", 0});
    if (rr.status == RunStatus::exited)
      return std::unexpected(Error{Phase::instantiate, "start function exited with " + std::to_string(rr.exit_code), 0});
  }
  return result;
}

}  // namespace tc::wasm
