// Validator errors (spec §3 and the appendix algorithm), including the polymorphic stack
// and nesting far beyond any recursion limit.
#include <gtest/gtest.h>

#include "test_util.hpp"
#include "wasm/module.hpp"

namespace tc::wasm {
namespace {

using test::Bytes;
constexpr std::uint8_t I32 = 0x7F, I64 = 0x7E;

tc::Result<std::shared_ptr<const Module>> fn(const Bytes& params, const Bytes& results, const Bytes& body,
                                             const Bytes& locals = {}, Limits lim = {}) {
  return load_module(test::single_func_module(params, results, locals, body), lim);
}

TEST(Validator, AcceptsWellTyped) {
  // (func (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  EXPECT_TRUE(fn({I32}, {I32}, {0x20, 0x00, 0x41, 0x01, 0x6A}).has_value());
}

TEST(Validator, TypeMismatch) {
  // (func (result i32) i64.const 0)
  auto m = fn({}, {I32}, {0x42, 0x00});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().phase, Phase::validate);
  EXPECT_NE(m.error().message.find("type mismatch"), std::string::npos);
}

TEST(Validator, StackUnderflowAndLeftovers) {
  EXPECT_FALSE(fn({}, {}, {0x6A}));              // i32.add on empty stack
  EXPECT_FALSE(fn({}, {}, {0x41, 0x00}));        // value left at end
  EXPECT_FALSE(fn({}, {I32}, {}));               // missing result
}

TEST(Validator, UnknownIndices) {
  EXPECT_FALSE(fn({}, {I32}, {0x20, 0x05}));          // local.get 5
  EXPECT_FALSE(fn({}, {}, {0x10, 0x09}));             // call 9
  EXPECT_FALSE(fn({}, {}, {0x0C, 0x03}));             // br 3
  EXPECT_FALSE(fn({}, {I32}, {0x41, 0x00, 0x28, 0x02, 0x00}));  // i32.load without memory
}

TEST(Validator, UnreachableMakesStackPolymorphic) {
  // (func (result i32) unreachable i32.add)  — valid
  EXPECT_TRUE(fn({}, {I32}, {0x00, 0x6A}).has_value());
  // (func (result i32) unreachable i64.const 0 i32.add) — invalid: i64 operand
  EXPECT_FALSE(fn({}, {I32}, {0x00, 0x42, 0x00, 0x6A}));
  // (func (result i64) br 0 ... ) with a br then anything typed correctly
  EXPECT_TRUE(fn({}, {I64}, {0x42, 0x01, 0x0C, 0x00, 0x1A, 0x1A}).has_value());
}

TEST(Validator, IfWithoutElseMustNotChangeTypes) {
  // (func (result i32) i32.const 1 if (result i32) i32.const 2 end)
  EXPECT_FALSE(fn({}, {I32}, {0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, 0x0B}));
}

TEST(Validator, DeepNestingHasNoRecursionAndIsLimited) {
  // 200000 nested blocks: rejected by the nesting limit, never a stack overflow.
  Bytes body;
  for (int i = 0; i < 200000; ++i) body.insert(body.end(), {0x02, 0x40});
  for (int i = 0; i < 200000; ++i) body.push_back(0x0B);
  auto m = fn({}, {}, body);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("nesting"), std::string::npos);
  Limits lim;
  lim.max_nesting_depth = 300000;
  EXPECT_TRUE(fn({}, {}, body, {}, lim).has_value());
}

TEST(Validator, AlignmentBound) {
  // memory + (func i32.const 0 i32.load align=2^3 drop) : alignment larger than natural
  Bytes m = test::header();
  test::section(m, 1, {0x01, 0x60, 0x00, 0x00});
  test::section(m, 3, {0x01, 0x00});
  test::section(m, 5, {0x01, 0x00, 0x01});
  test::section(m, 10, {0x01, 0x08, 0x00, 0x41, 0x00, 0x28, 0x03, 0x00, 0x1A, 0x0B});
  auto r = load_module(m);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("alignment"), std::string::npos);
}

}  // namespace
}  // namespace tc::wasm
