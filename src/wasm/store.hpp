// tinycontainer wasm — the store: runtime objects, host functions, imports, instances.
//
// Contract (spec §4.2 "Runtime structure", §4.5.4 "Instantiation"):
// - A Store owns every runtime object it creates (functions, tables, memories, globals,
//   instances); pointers it hands out stay valid until the Store is destroyed. There is
//   no global state: any number of Stores may coexist in a process; one Store is used by
//   one thread at a time.
// - Host functions are created per Store with an explicit FuncType and a user pointer,
//   and are bound to an instance through Imports. At instantiation every import is
//   resolved by (module, name) in the Imports given to *that* instantiation and checked
//   against the import's type (functions: exact FuncType; tables/memories: limits
//   subtyping; globals: type and mutability); a mismatch is an Error (Phase::instantiate,
//   "incompatible import type" / "unknown import").
// - A host function receives a HostContext: the calling instance, its memory 0 (for
//   bounds-checked guest memory access), and the user pointer given at creation. It
//   returns HostStatus::ok, or traps / requests exit through the context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "wasm/limits.hpp"
#include "wasm/module.hpp"
#include "wasm/platform.hpp"
#include "wasm/types.hpp"

namespace tc::wasm {

class Store;
struct Instance;
class HostContext;

enum class HostStatus : std::uint8_t { ok, trap, exit };

// args: params in order; results: write FuncType::results.size() values.
using HostFn = HostStatus (*)(HostContext& ctx, const Value* args, Value* results);

// A function instance (§4.2.6): either wasm code of an instance, or a host function.
struct Function {
  const FuncType* type = nullptr;
  std::uint32_t type_id = 0;            // Store-canonical id: equal ids <=> equal types
  Instance* instance = nullptr;         // wasm: the defining instance
  const CompiledFunction* code = nullptr;  // wasm: internal form; host: nullptr
  HostFn host = nullptr;
  void* user = nullptr;
};

// A linear memory (§4.2.8). `data` may move on grow: re-read it after any call.
struct Memory {
  std::uint8_t* data = nullptr;
  std::uint64_t size_bytes = 0;
  std::uint32_t pages = 0;
  std::uint32_t max_pages = 0;  // min(declared max, Limits::max_memory_pages)
  MemoryType type;              // current type: limits.min == pages
  const Platform* platform = nullptr;
  // Returns the old size in pages, or -1 (limit reached / allocation failed).
  std::int32_t grow(std::uint32_t delta) noexcept;
  // Bounds-checked view: nullptr unless [addr, addr+len) lies inside the memory.
  [[nodiscard]] std::uint8_t* at(std::uint64_t addr, std::uint64_t len) const noexcept {
    return (addr + len <= size_bytes && addr + len >= addr) ? data + addr : nullptr;
  }
};

struct Table {
  TableType type;                 // current type: limits.min == elems.size()
  std::vector<Value> elems;
  std::uint32_t max_elems = 0;    // min(declared max, Limits::max_table_elements)
  std::int32_t grow(std::uint32_t delta, Value init) noexcept;
};

struct Global {
  GlobalType type;
  Value value;
};

// An external value (§4.2.11).
struct Extern {
  ExternKind kind = ExternKind::func;
  void* object = nullptr;  // Function*, Table*, Memory* or Global* according to kind
  [[nodiscard]] Function* func() const noexcept { return static_cast<Function*>(object); }
  [[nodiscard]] Table* table() const noexcept { return static_cast<Table*>(object); }
  [[nodiscard]] Memory* memory() const noexcept { return static_cast<Memory*>(object); }
  [[nodiscard]] Global* global() const noexcept { return static_cast<Global*>(object); }
};

// The named externs offered to one instantiation.
class Imports {
 public:
  void add(std::string_view module, std::string_view name, Extern value);
  // Every export of `instance` under `module` (the spec's `register`).
  void add_instance(std::string_view module, const Instance& instance);
  [[nodiscard]] const Extern* find(std::string_view module, std::string_view name) const noexcept;

 private:
  struct Entry {
    std::string module, name;
    Extern value;
  };
  std::vector<Entry> entries_;
};

// A module instance (§4.2.5). Fields are read by the interpreter; treat as read-only.
struct Instance {
  std::shared_ptr<const Module> module;
  std::vector<Function*> funcs;
  std::vector<Table*> tables;
  std::vector<Memory*> memories;
  std::vector<Global*> globals;
  std::vector<std::uint32_t> type_ids;            // Store-canonical id per module type
  std::vector<std::vector<Value>> elem_values;    // evaluated element segments (empty once dropped)
  std::vector<std::uint8_t> data_dropped;
  Memory* mem0 = nullptr;                         // memories[0], or an empty memory
  Store* store = nullptr;

  [[nodiscard]] std::optional<Extern> find_export(std::string_view name) const noexcept;
  [[nodiscard]] Function* find_function(std::string_view export_name) const noexcept;
  [[nodiscard]] Memory* memory0() const noexcept { return memories.empty() ? nullptr : memories[0]; }
};

class HostContext {
 public:
  Instance* caller = nullptr;  // instance whose code made the call; nullptr if none
  Memory* memory = nullptr;    // caller's memory 0, or nullptr
  void* user = nullptr;        // Function::user of the called host function
  const char* trap_reason = nullptr;
  std::int32_t exit_code = 0;

  [[nodiscard]] std::uint8_t* mem(std::uint64_t addr, std::uint64_t len) const noexcept {
    return memory ? memory->at(addr, len) : nullptr;
  }
  HostStatus trap(const char* reason) noexcept { trap_reason = reason; return HostStatus::trap; }
  HostStatus exit(std::int32_t code) noexcept { exit_code = code; return HostStatus::exit; }
};

struct InstantiateOptions {
  std::uint64_t start_fuel = ~std::uint64_t{0};  // fuel for the start function
};

class Store {
 public:
  explicit Store(Limits limits = {}, Platform platform = default_platform());
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] const Limits& limits() const noexcept { return limits_; }
  [[nodiscard]] const Platform& platform() const noexcept { return platform_; }

  Function* create_host_function(const FuncType& type, HostFn fn, void* user = nullptr);
  Result<Memory*> create_memory(const MemoryType& type);
  Result<Table*> create_table(const TableType& type, Value init = Value::null_ref());
  Global* create_global(const GlobalType& type, Value value);

  // Resolve imports, allocate, initialise (§4.5.4 order: globals, tables/memories,
  // element segments, data segments), run the start function. Errors: Phase::instantiate
  // ("unknown import", "incompatible import type", "out of bounds ...", "start trapped:
  // <reason>"). Note: as in the spec, writes done by segments before a trap persist in
  // imported tables/memories.
  Result<Instance*> instantiate(std::shared_ptr<const Module> module, const Imports& imports,
                                const InstantiateOptions& options = {});

  // Canonical id of a function type (equal types share an id).
  std::uint32_t type_id(const FuncType& type);

 private:
  Limits limits_;
  Platform platform_;
  std::vector<std::unique_ptr<Function>> functions_;
  std::vector<std::unique_ptr<Memory>> memories_;
  std::vector<std::unique_ptr<Table>> tables_;
  std::vector<std::unique_ptr<Global>> globals_;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::vector<std::unique_ptr<FuncType>> types_;
  Memory empty_memory_;
};

}  // namespace tc::wasm
