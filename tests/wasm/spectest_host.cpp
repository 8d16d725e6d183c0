#include "spectest_host.hpp"

namespace tc::wasm::spec {
namespace {
HostStatus print_any(HostContext&, const Value*, Value*) { return HostStatus::ok; }
}  // namespace

Result<void> add_spectest(Store& store, Imports& imports) {
  using V = ValType;
  struct P { const char* name; FuncType type; };
  const P prints[] = {
      {"print", {{}, {}}},
      {"print_i32", {{V::i32}, {}}},
      {"print_i64", {{V::i64}, {}}},
      {"print_f32", {{V::f32}, {}}},
      {"print_f64", {{V::f64}, {}}},
      {"print_i32_f32", {{V::i32, V::f32}, {}}},
      {"print_f64_f64", {{V::f64, V::f64}, {}}},
  };
  for (const P& p : prints)
    imports.add("spectest", p.name, Extern{ExternKind::func, store.create_host_function(p.type, print_any)});
  imports.add("spectest", "global_i32", Extern{ExternKind::global, store.create_global({V::i32, false}, Value::i32(666))});
  imports.add("spectest", "global_i64", Extern{ExternKind::global, store.create_global({V::i64, false}, Value::i64(666))});
  imports.add("spectest", "global_f32", Extern{ExternKind::global, store.create_global({V::f32, false}, Value::f32(666.6f))});
  imports.add("spectest", "global_f64", Extern{ExternKind::global, store.create_global({V::f64, false}, Value::f64(666.6))});
  auto table = store.create_table(TableType{V::funcref, LimitsRange{10, 20, true}});
  if (!table) return std::unexpected(table.error());
  imports.add("spectest", "table", Extern{ExternKind::table, *table});
  auto mem = store.create_memory(MemoryType{LimitsRange{1, 2, true}});
  if (!mem) return std::unexpected(mem.error());
  imports.add("spectest", "memory", Extern{ExternKind::memory, *mem});
  return {};
}

}  // namespace tc::wasm::spec
