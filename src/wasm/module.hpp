// tinycontainer wasm — the decoded, validated module (spec §2.5 "Modules").
//
// Contract: a Module is immutable after load_module() returns it: it has been decoded
// (binary format §5, every size and LEB128 checked), validated (§3, the appendix's
// algorithm) and every function body compiled once into the engine's internal form.
// Modules are shared between instances (std::shared_ptr<const Module>).
// load_module never crashes, hangs or recurses on nesting depth; on bad input it returns
// an Error with Phase::decode (malformed) or Phase::validate (invalid), and modules that
// use SIMD (v128) are rejected with a message naming SIMD.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "wasm/limits.hpp"
#include "wasm/types.hpp"

namespace tc::wasm {

struct CompiledFunction;  // code.hpp (internal form)

// A constant expression as allowed by wasm 2.0 (§3.3.10): exactly one of these.
struct ConstExpr {
  enum class Kind : std::uint8_t { value, global_get, ref_null, ref_func };
  Kind kind = Kind::value;
  ValType type = ValType::i32;
  Value value;               // Kind::value
  std::uint32_t index = 0;   // global_get: global index; ref_func: function index
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::func;
  std::uint32_t func_type = 0;  // kind == func: index into Module::types
  TableType table;
  MemoryType memory;
  GlobalType global;
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::func;
  std::uint32_t index = 0;
};

struct GlobalDef {
  GlobalType type;
  ConstExpr init;
};

enum class SegmentMode : std::uint8_t { active, passive, declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::active;
  ValType type = ValType::funcref;
  std::uint32_t table = 0;
  ConstExpr offset;
  std::vector<ConstExpr> items;  // ref.func / ref.null / global.get
};

struct DataSegment {
  SegmentMode mode = SegmentMode::active;
  std::uint32_t memory = 0;
  ConstExpr offset;
  std::vector<std::uint8_t> bytes;
};

struct FunctionBody {
  std::vector<ValType> locals;   // declared locals, expanded (params excluded)
  std::uint32_t code_offset = 0; // byte offset of the expression in the binary
  std::uint32_t code_size = 0;
};

struct Module {
  std::vector<FuncType> types;
  std::vector<Import> imports;
  // Index spaces (§2.5.1): imported entries first, then the module's own.
  std::vector<std::uint32_t> funcs;     // type index of every function
  std::vector<TableType> tables;
  std::vector<MemoryType> memories;
  std::vector<GlobalType> globals;
  std::uint32_t num_imported_funcs = 0;
  std::uint32_t num_imported_tables = 0;
  std::uint32_t num_imported_memories = 0;
  std::uint32_t num_imported_globals = 0;

  std::vector<GlobalDef> global_defs;   // the module's own globals
  std::vector<Export> exports;
  std::optional<std::uint32_t> start;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<std::uint32_t> data_count;
  std::vector<FunctionBody> bodies;     // the module's own functions
  std::vector<std::uint8_t> declared_refs; // 1 if function index may appear in ref.func

  // Filled by the compiler: one entry per own function (bodies[i]).
  std::vector<std::unique_ptr<CompiledFunction>> code;

  Module();
  ~Module();
  Module(Module&&) noexcept;
  Module& operator=(Module&&) noexcept;

  [[nodiscard]] const FuncType& func_type(std::uint32_t func_index) const {
    return types[funcs[func_index]];
  }
  [[nodiscard]] const Export* find_export(std::string_view name) const noexcept;
};

// Decode + validate + compile. `bytes` need not outlive the call.
[[nodiscard]] Result<std::shared_ptr<const Module>> load_module(std::span<const std::uint8_t> bytes,
                                                               const Limits& limits = {});

}  // namespace tc::wasm
