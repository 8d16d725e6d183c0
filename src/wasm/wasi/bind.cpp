#include "wasm/wasi/bind.hpp"

#include "wasm/wasi/abi.hpp"
#include "wasm/wasi/functions.hpp"

namespace tc::wasi {
namespace {

using tc::wasm::ExternKind;
using tc::wasm::FuncType;
using tc::wasm::ValType;

HostStatus unsupported_trap(HostContext& ctx, const Value*, Value*) {
  return ctx.trap("unsupported WASI function");
}

const FunctionDef* find_def(std::string_view name) {
  for (const FunctionDef& d : function_table()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace

FuncType parse_signature(std::string_view signature) {
  FuncType t;
  bool results = false;
  for (char c : signature) {
    if (c == ':') {
      results = true;
      continue;
    }
    const ValType v = c == 'I' ? ValType::i64 : ValType::i32;
    (results ? t.results : t.params).push_back(v);
  }
  return t;
}

Result<void> bind_wasi(tc::wasm::Store& store, const tc::wasm::Module& module, WasiContext& wasi,
                       tc::wasm::Imports& imports) {
  for (const tc::wasm::Import& imp : module.imports) {
    if (imp.module != kModuleName) continue;
    if (imp.kind != ExternKind::func) {
      return make_error(Phase::instantiate, "wasi: import " + imp.name + " is not a function");
    }
    const FuncType& wanted = module.types.at(imp.func_type);
    tc::wasm::Function* fn = nullptr;
    if (const FunctionDef* def = find_def(imp.name)) {
      if (parse_signature(def->signature) != wanted) {
        return make_error(Phase::instantiate, "wasi: import " + imp.name + " has the wrong type");
      }
      fn = store.create_host_function(wanted, def->fn, &wasi);
    } else {
      const bool errno_result = wanted.results.size() == 1 && wanted.results[0] == ValType::i32;
      fn = store.create_host_function(wanted, errno_result ? &unsupported : &unsupported_trap, &wasi);
    }
    imports.add(kModuleName, imp.name, tc::wasm::Extern{ExternKind::func, fn});
  }
  return {};
}

}  // namespace tc::wasi
