// Execution: fuel/resume equivalence, call-depth exhaustion, host function binding.
#include <gtest/gtest.h>

#include <cstring>

#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"

namespace tc::wasm {
namespace {

// loop_sum.wat (next to this file's ../modules/) compiled by gen.sh.
const std::uint8_t kLoopSum[] = {
#include "../modules/loop_sum.wasm.inc"
};
// host.wat
const std::uint8_t kHost[] = {
#include "../modules/host.wasm.inc"
};

std::shared_ptr<const Module> load(std::span<const std::uint8_t> b) {
  auto m = load_module(b);
  EXPECT_TRUE(m.has_value()) << (m ? "" : m.error().describe());
  return m ? *m : nullptr;
}

struct Fixture {
  explicit Fixture(Limits lim = {}) : store(lim) {
    auto inst = store.instantiate(load(kLoopSum), Imports{});
    EXPECT_TRUE(inst.has_value());
    instance = inst ? *inst : nullptr;
  }
  Store store;
  Instance* instance = nullptr;
};

TEST(Execution, RunsToCompletion) {
  Fixture f;
  Execution ex(f.store);
  ASSERT_TRUE(ex.start(*f.instance, "fib", std::vector<Value>{Value::i32(20)}));
  const RunResult r = ex.run();
  ASSERT_EQ(r.status, RunStatus::completed);
  EXPECT_EQ(ex.results()[0].as_u32(), 6765u);
}

TEST(Execution, FuelResumeIsEquivalentToOneRun) {
  // Reference: one run with unlimited fuel.
  Fixture ref;
  Execution ex_ref(ref.store);
  ASSERT_TRUE(ex_ref.start(*ref.instance, "sum", std::vector<Value>{Value::i32(300)}));
  const RunResult rr = ex_ref.run();
  ASSERT_EQ(rr.status, RunStatus::completed);
  const std::uint64_t expected = ex_ref.results()[0].as_u64();
  EXPECT_EQ(expected, 300u * 299u / 2 + 300u);
  std::vector<std::uint8_t> ref_mem(ref.instance->mem0->data, ref.instance->mem0->data + 64);

  for (std::uint64_t slice = 1; slice <= 7; ++slice) {
    Fixture f;
    Execution ex(f.store);
    ASSERT_TRUE(ex.start(*f.instance, "sum", std::vector<Value>{Value::i32(300)}));
    RunResult r;
    std::uint64_t runs = 0, used = 0;
    do {
      r = ex.run(slice);
      ++runs;
      used += r.fuel_used;
      ASSERT_LT(runs, 100000u);
    } while (r.status == RunStatus::out_of_fuel);
    ASSERT_EQ(r.status, RunStatus::completed) << "slice " << slice;
    EXPECT_EQ(ex.results()[0].as_u64(), expected) << "slice " << slice;
    EXPECT_GT(runs, 1u);
    EXPECT_EQ(used, rr.fuel_used) << "fuel accounting must not depend on slicing";
    EXPECT_EQ(std::memcmp(f.instance->mem0->data, ref_mem.data(), ref_mem.size()), 0);
  }
}

// Runs `name(arg)` with fuel slices 1..5 and unlimited; all must agree.
void expect_slicing_invariant(const char* name, std::uint32_t arg, std::uint32_t expected) {
  for (std::uint64_t slice : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{3}, std::uint64_t{5}}) {
    Fixture f;
    Execution ex(f.store);
    ASSERT_TRUE(ex.start(*f.instance, name, std::vector<Value>{Value::i32(arg)}));
    RunResult r;
    int runs = 0;
    do {
      r = ex.run(slice ? slice : kFuelUnlimited);
      ++runs;
    } while (r.status == RunStatus::out_of_fuel && runs < 1'000'000);
    ASSERT_EQ(r.status, RunStatus::completed) << name << " slice " << slice;
    EXPECT_EQ(ex.results()[0].as_u32(), expected) << name << " slice " << slice;
    if (slice) {
      EXPECT_GT(runs, 1) << name << " slice " << slice;
    }
  }
}

TEST(Execution, FusedLoopBranchesResumeExactly) {
  expect_slicing_invariant("dowhile", 1000, 500500);
  // $inc also counts its calls in $g: i = 1000 after 1000 calls, g = 1000.
  expect_slicing_invariant("dowhile2", 1000, 2000);
  expect_slicing_invariant("countup", 7, 499507);
}

TEST(Execution, FuelStopsAnInfiniteLoopAndResumes) {
  Fixture f;
  Execution ex(f.store);
  ASSERT_TRUE(ex.start(*f.instance, "spin", {}));
  for (int i = 0; i < 3; ++i) {
    const RunResult r = ex.run(1000);
    EXPECT_EQ(r.status, RunStatus::out_of_fuel);
    EXPECT_TRUE(ex.suspended());
    EXPECT_GE(r.fuel_used, 1000u);
  }
  ex.reset();
  EXPECT_FALSE(ex.suspended());
  ASSERT_TRUE(ex.start(*f.instance, "fib", std::vector<Value>{Value::i32(10)}));
  ASSERT_EQ(ex.run().status, RunStatus::completed);
  EXPECT_EQ(ex.results()[0].as_u32(), 55u);
}

TEST(Execution, CallDepthExhaustionTrapsWithoutCrashing) {
  Limits lim;
  lim.max_call_depth = 500;
  Fixture f(lim);
  Execution ex(f.store);
  ASSERT_TRUE(ex.start(*f.instance, "recurse", std::vector<Value>{Value::i32(0)}));
  const RunResult r = ex.run();
  ASSERT_EQ(r.status, RunStatus::trapped);
  EXPECT_EQ(r.trap, TrapKind::call_stack_exhausted);
  // The execution is reusable after the trap.
  ASSERT_TRUE(ex.start(*f.instance, "fib", std::vector<Value>{Value::i32(15)}));
  ASSERT_EQ(ex.run().status, RunStatus::completed);
  EXPECT_EQ(ex.results()[0].as_u32(), 610u);
}

TEST(Execution, ValueStackExhaustionTraps) {
  Limits lim;
  lim.max_value_stack = 1000;
  lim.max_call_depth = 1'000'000;
  Fixture f(lim);
  Execution ex(f.store);
  ASSERT_TRUE(ex.start(*f.instance, "recurse", std::vector<Value>{Value::i32(0)}));
  const RunResult r = ex.run();
  ASSERT_EQ(r.status, RunStatus::trapped);
  EXPECT_EQ(r.trap, TrapKind::call_stack_exhausted);
}

TEST(Execution, MemoryLimitCapsInstantiation) {
  Limits lim;
  lim.max_memory_pages = 0;
  Store store(lim);
  auto inst = store.instantiate(load(kLoopSum), Imports{});
  ASSERT_FALSE(inst);
  EXPECT_NE(inst.error().message.find("memory"), std::string::npos);
}

// ---- host functions
struct HostState {
  int calls = 0;
};
HostStatus host_add(HostContext& ctx, const Value* a, Value* r) {
  ++static_cast<HostState*>(ctx.user)->calls;
  r[0] = Value::i32(a[0].as_u32() + a[1].as_u32());
  return HostStatus::ok;
}
HostStatus host_poke(HostContext& ctx, const Value* a, Value*) {
  std::uint8_t* p = ctx.mem(8, 4);
  if (!p) return ctx.trap("poke out of bounds");
  const std::uint32_t v = a[0].as_u32();
  std::memcpy(p, &v, 4);
  return HostStatus::ok;
}
HostStatus host_exit(HostContext& ctx, const Value* a, Value*) { return ctx.exit(a[0].as_i32()); }

struct HostFixture {
  HostFixture() {
    const FuncType ii_i{{ValType::i32, ValType::i32}, {ValType::i32}};
    const FuncType i_{{ValType::i32}, {}};
    imports.add("env", "add", Extern{ExternKind::func, store.create_host_function(ii_i, host_add, &state)});
    imports.add("env", "poke", Extern{ExternKind::func, store.create_host_function(i_, host_poke)});
    imports.add("env", "exit", Extern{ExternKind::func, store.create_host_function(i_, host_exit)});
  }
  Store store;
  Imports imports;
  HostState state;
};

TEST(HostFunctions, BoundPerInstanceAndCalled) {
  HostFixture h;
  auto inst = h.store.instantiate(load(kHost), h.imports);
  ASSERT_TRUE(inst) << inst.error().describe();
  Execution ex(h.store);
  ASSERT_TRUE(ex.start(**inst, "call_add", std::vector<Value>{Value::i32(40), Value::i32(2)}));
  ASSERT_EQ(ex.run().status, RunStatus::completed);
  EXPECT_EQ(ex.results()[0].as_u32(), 42u);
  EXPECT_EQ(h.state.calls, 1);
  ASSERT_TRUE(ex.start(**inst, "poke", std::vector<Value>{Value::i32(0xABCD)}));
  ASSERT_EQ(ex.run().status, RunStatus::completed);
  EXPECT_EQ(ex.results()[0].as_u32(), 0xABCDu);
}

TEST(HostFunctions, ExitAndTrapPropagate) {
  HostFixture h;
  auto inst = h.store.instantiate(load(kHost), h.imports);
  ASSERT_TRUE(inst);
  Execution ex(h.store);
  ASSERT_TRUE(ex.start(**inst, "exit", {}));
  const RunResult r = ex.run();
  EXPECT_EQ(r.status, RunStatus::exited);
  EXPECT_EQ(r.exit_code, 7);
}

TEST(HostFunctions, SignatureMismatchIsAnInstantiationError) {
  Store store;
  Imports imports;
  HostState st;
  // "add" offered as (i32) -> i32 instead of (i32 i32) -> i32
  imports.add("env", "add",
              Extern{ExternKind::func, store.create_host_function({{ValType::i32}, {ValType::i32}}, host_add, &st)});
  imports.add("env", "poke", Extern{ExternKind::func, store.create_host_function({{ValType::i32}, {}}, host_poke)});
  imports.add("env", "exit", Extern{ExternKind::func, store.create_host_function({{ValType::i32}, {}}, host_exit)});
  auto inst = store.instantiate(load(kHost), imports);
  ASSERT_FALSE(inst);
  EXPECT_EQ(inst.error().phase, Phase::instantiate);
  EXPECT_NE(inst.error().message.find("incompatible import type"), std::string::npos);
}

TEST(HostFunctions, MissingImportAndWrongKind) {
  Store store;
  Imports imports;
  auto inst = store.instantiate(load(kHost), imports);
  ASSERT_FALSE(inst);
  EXPECT_NE(inst.error().message.find("unknown import"), std::string::npos);
  Imports wrong;
  wrong.add("env", "add", Extern{ExternKind::global, store.create_global({ValType::i32, false}, Value::i32(1))});
  auto inst2 = store.instantiate(load(kHost), wrong);
  ASSERT_FALSE(inst2);
  EXPECT_NE(inst2.error().message.find("incompatible import type"), std::string::npos);
}

TEST(HostFunctions, FuelIsChargedForHostCallsAndResumes) {
  HostFixture h;
  auto inst = h.store.instantiate(load(kHost), h.imports);
  ASSERT_TRUE(inst);
  Execution ex(h.store);
  ASSERT_TRUE(ex.start(**inst, "loop_add", std::vector<Value>{Value::i32(1000)}));
  RunResult r;
  int runs = 0;
  do { r = ex.run(3); ++runs; } while (r.status == RunStatus::out_of_fuel && runs < 100000);
  ASSERT_EQ(r.status, RunStatus::completed);
  EXPECT_EQ(ex.results()[0].as_u32(), 1000u);
  EXPECT_EQ(h.state.calls, 1000);  // each host call ran exactly once despite preemption
  EXPECT_GT(runs, 100);
}

}  // namespace
}  // namespace tc::wasm
