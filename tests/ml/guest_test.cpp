// The demo container (examples/ml-digits, C → wasm32-wasi) in our wasm engine with the
// `ml` service bound to its tc imports (guest_harness.hpp): accuracy >= 95 % and
// predictions identical to scikit-learn's on every test image, through the container's
// own memory; without the grant the endpoint is refused with an error code and counted.
#include <gtest/gtest.h>

#include <filesystem>

#include "guest_harness.hpp"

namespace tc::ml {
namespace {

const char* kWasm = TC_ML_DIGITS_WASM;

TEST(MlGuest, DemoClassifiesEveryTestImageLikeSklearn) {
  if (!std::filesystem::exists(kWasm)) GTEST_SKIP() << "clang/wasi-libc missing: " << kWasm << " not built";
  MlService svc;
  auto h = test::GuestHarness::create(kWasm, svc, true);
  ASSERT_TRUE(h) << h.error().describe();
  auto code = (*h)->run_main();
  ASSERT_TRUE(code) << code.error().describe();
  EXPECT_EQ(*code, 0) << (*h)->output();
  const auto& out = (*h)->output();
  EXPECT_NE(out.find("identical to scikit-learn on 450/450"), std::string::npos) << out;
  EXPECT_NE(out.find("ml-digits: PASS"), std::string::npos) << out;
  EXPECT_EQ(svc.stats().inferences, 1350u);  // float + int8 for every image, + the timing pass
  EXPECT_EQ(svc.stats().compiles, 2u);      // each model validated and compiled once
  EXPECT_EQ((*h)->denials(), 0u);
}

TEST(MlGuest, WithoutTheGrantTheEndpointIsDeniedAndCounted) {
  if (!std::filesystem::exists(kWasm)) GTEST_SKIP() << "clang/wasi-libc missing: " << kWasm << " not built";
  MlService svc;
  auto h = test::GuestHarness::create(kWasm, svc, false);
  ASSERT_TRUE(h) << h.error().describe();
  auto code = (*h)->run_main();
  ASSERT_TRUE(code) << code.error().describe();
  EXPECT_EQ(*code, 3);
  EXPECT_NE((*h)->output().find("refused (code -1)"), std::string::npos) << (*h)->output();
  EXPECT_EQ((*h)->denials(), 1u);
  EXPECT_EQ(svc.stats().inferences + svc.stats().rejected, 0u);  // the service never saw a call
}

TEST(MlGuest, HostAndWasmPathsAgreeThroughExports) {
  if (!std::filesystem::exists(kWasm)) GTEST_SKIP() << "clang/wasi-libc missing: " << kWasm << " not built";
  MlService svc;
  auto h = test::GuestHarness::create(kWasm, svc, true);
  ASSERT_TRUE(h) << h.error().describe();
  ASSERT_EQ(*(*h)->call("bench_open"), 0);
  for (std::int32_t i = 0; i < 50; ++i) {
    const std::int32_t arg[] = {i};
    auto a = (*h)->call("bench_host", arg), b = (*h)->call("bench_wasm", arg);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b) << "image " << i;
    EXPECT_GE(*a, 0);
  }
  EXPECT_EQ(*(*h)->call("bench_empty_call"), host::abi::kInvalid);
}

}  // namespace
}  // namespace tc::ml
