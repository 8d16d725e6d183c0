#include "wasm/store.hpp"

#include "wasm/code.hpp"

namespace tc::wasm {

std::int32_t Memory::grow(std::uint32_t delta) noexcept {
  const std::uint32_t old = pages;
  if (delta == 0) return static_cast<std::int32_t>(old);
  if (static_cast<std::uint64_t>(old) + delta > max_pages) return -1;
  const std::uint64_t new_bytes = static_cast<std::uint64_t>(old + delta) * kPageSize;
  void* p = platform->realloc_zeroed(platform->ctx, data, size_bytes, new_bytes);
  if (!p) return -1;
  data = static_cast<std::uint8_t*>(p);
  size_bytes = new_bytes;
  pages = old + delta;
  type.limits.min = pages;
  return static_cast<std::int32_t>(old);
}

std::int32_t Table::grow(std::uint32_t delta, Value init) noexcept {
  const auto old = static_cast<std::uint32_t>(elems.size());
  if (static_cast<std::uint64_t>(old) + delta > max_elems) return -1;
  elems.resize(old + delta, init);  // operator new; see docs/WASM.md (portable allocation)
  type.limits.min = old + delta;
  return static_cast<std::int32_t>(old);
}

void Imports::add(std::string_view module, std::string_view name, Extern value) {
  entries_.push_back(Entry{std::string(module), std::string(name), value});
}

void Imports::add_instance(std::string_view module, const Instance& instance) {
  for (const Export& e : instance.module->exports) {
    if (auto x = instance.find_export(e.name)) add(module, e.name, *x);
  }
}

const Extern* Imports::find(std::string_view module, std::string_view name) const noexcept {
  // Last registration wins (the spec runner re-registers names).
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
    if (it->module == module && it->name == name) return &it->value;
  return nullptr;
}

std::optional<Extern> Instance::find_export(std::string_view name) const noexcept {
  const Export* e = module->find_export(name);
  if (!e) return std::nullopt;
  switch (e->kind) {
    case ExternKind::func: return Extern{e->kind, funcs[e->index]};
    case ExternKind::table: return Extern{e->kind, tables[e->index]};
    case ExternKind::memory: return Extern{e->kind, memories[e->index]};
    case ExternKind::global: return Extern{e->kind, globals[e->index]};
  }
  return std::nullopt;
}

Function* Instance::find_function(std::string_view export_name) const noexcept {
  auto x = find_export(export_name);
  return x && x->kind == ExternKind::func ? x->func() : nullptr;
}

Store::Store(Limits limits, Platform platform) : limits_(limits), platform_(platform) {
  empty_memory_.platform = &platform_;
}

Store::~Store() {
  for (auto& m : memories_)
    if (m->data) platform_.free(platform_.ctx, m->data, m->size_bytes);
}

std::uint32_t Store::type_id(const FuncType& type) {
  for (std::size_t i = 0; i < types_.size(); ++i)
    if (*types_[i] == type) return static_cast<std::uint32_t>(i);
  types_.push_back(std::make_unique<FuncType>(type));
  return static_cast<std::uint32_t>(types_.size() - 1);
}

Function* Store::create_host_function(const FuncType& type, HostFn fn, void* user) {
  auto f = std::make_unique<Function>();
  f->type_id = type_id(type);
  f->type = types_[f->type_id].get();
  f->host = fn;
  f->user = user;
  functions_.push_back(std::move(f));
  return functions_.back().get();
}

Result<Memory*> Store::create_memory(const MemoryType& type) {
  if (type.limits.min > limits_.max_memory_pages)
    return make_error(Phase::instantiate, "memory minimum exceeds the memory limit");
  auto m = std::make_unique<Memory>();
  m->platform = &platform_;
  m->type = type;
  m->max_pages = type.limits.has_max ? type.limits.max : 65536;
  if (m->max_pages > limits_.max_memory_pages) m->max_pages = limits_.max_memory_pages;
  const std::uint64_t bytes = static_cast<std::uint64_t>(type.limits.min) * kPageSize;
  if (bytes > 0) {
    m->data = static_cast<std::uint8_t*>(platform_.alloc_zeroed(platform_.ctx, bytes));
    if (!m->data) return make_error(Phase::instantiate, "cannot allocate linear memory");
  }
  m->size_bytes = bytes;
  m->pages = type.limits.min;
  memories_.push_back(std::move(m));
  return memories_.back().get();
}

Result<Table*> Store::create_table(const TableType& type, Value init) {
  if (type.limits.min > limits_.max_table_elements)
    return make_error(Phase::instantiate, "table minimum exceeds the table limit");
  auto t = std::make_unique<Table>();
  t->type = type;
  t->max_elems = type.limits.has_max ? type.limits.max : 0xFFFFFFFFu;
  if (t->max_elems > limits_.max_table_elements) t->max_elems = limits_.max_table_elements;
  t->elems.assign(type.limits.min, init);
  tables_.push_back(std::move(t));
  return tables_.back().get();
}

Global* Store::create_global(const GlobalType& type, Value value) {
  globals_.push_back(std::make_unique<Global>(Global{type, value}));
  return globals_.back().get();
}

}  // namespace tc::wasm
