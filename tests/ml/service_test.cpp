// The `ml` host service directly (as the host's dispatcher calls it): request decoding,
// bounds checks against the caller's memory, plan caching per (container, model), error
// codes for hostile requests, output written into the response buffer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "digits_data.hpp"
#include "ml/ml_service.hpp"
#include "ml/request.hpp"

namespace tc::ml {
namespace {

namespace abi = host::abi;

// A fake guest memory: [model | input | response] laid out at known offsets.
struct Guest {
  std::vector<std::uint8_t> mem;
  std::uint32_t model_off = 64, model_len = 0, input_off = 0, input_len = 0, out_off = 0;

  Guest(const std::vector<std::uint8_t>& model, const std::vector<float>& input) {
    model_len = static_cast<std::uint32_t>(model.size());
    input_off = model_off + model_len + 3;  // deliberately unaligned
    input_len = static_cast<std::uint32_t>(input.size() * 4);
    out_off = input_off + input_len + 1;
    mem.resize(out_off + 64);
    std::memcpy(mem.data() + model_off, model.data(), model.size());
    std::memcpy(mem.data() + input_off, input.data(), input_len);
  }
  static std::vector<std::uint8_t> req(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
    std::vector<std::uint8_t> r(16);
    for (int i = 0; i < 4; ++i) {
      const std::uint32_t v = i == 0 ? a : i == 1 ? b : i == 2 ? c : d;
      for (int k = 0; k < 4; ++k) r[static_cast<std::size_t>(i * 4 + k)] = static_cast<std::uint8_t>(v >> (8 * k));
    }
    return r;
  }
  [[nodiscard]] std::vector<std::uint8_t> good() const { return req(model_off, model_len, input_off, input_len); }
  std::span<std::uint8_t> out(std::size_t cap = 40) { return {mem.data() + out_off, cap}; }
};

class MlService_ : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(test::load_digits(TC_ML_MODEL_DIR "/digits_test.bin", d_));
    model_ = test::read_bytes(TC_ML_MODEL_DIR "/digits_mlp.onnx");
  }
  int argmax(std::span<const std::uint8_t> out) {
    float p[10];
    std::memcpy(p, out.data(), 40);
    return static_cast<int>(std::max_element(p, p + 10) - p);
  }
  test::DigitsSet d_;
  std::vector<std::uint8_t> model_;
  MlService svc_;
};

TEST_F(MlService_, InfersThroughSessionAndCachesThePlan) {
  EXPECT_EQ(svc_.name(), "ml");
  metadata::GrantView grant{};
  auto opened = svc_.open(host::OpenRequest{"c1", grant, nullptr});
  ASSERT_TRUE(opened.session);
  for (std::size_t i = 0; i < 20; ++i) {
    Guest g(model_, d_.input(i));
    ASSERT_EQ(opened.session->call(g.mem, g.good(), g.out()), 40);
    EXPECT_EQ(argmax(g.out()), d_.sklearn_pred[i]);
  }
  EXPECT_EQ(svc_.stats().compiles, 1u);
  EXPECT_EQ(svc_.stats().cache_hits, 19u);
  EXPECT_EQ(svc_.stats().inferences, 20u);
  EXPECT_EQ(opened.session->read({}, {}), abi::kUnsupported);
}

TEST_F(MlService_, OpenNeedsABothDirectionsGrant) {
  metadata::GrantView out_only{};
  out_only.direction = metadata::Direction::out;
  auto opened = svc_.open(host::OpenRequest{"c1", out_only, nullptr});
  EXPECT_FALSE(opened.session);
  EXPECT_EQ(opened.code, abi::kWrongDirection);
}

TEST_F(MlService_, PlansArePerContainerAndDroppedOnRemoval) {
  Guest g(model_, d_.input(0));
  ASSERT_EQ(svc_.infer("a", g.mem, g.good(), g.out()), 40);
  ASSERT_EQ(svc_.infer("b", g.mem, g.good(), g.out()), 40);
  EXPECT_EQ(svc_.stats().compiles, 2u);
  EXPECT_EQ(svc_.cache().size(), 2u);
  svc_.on_container_removed("a");
  EXPECT_EQ(svc_.cache().size(), 1u);
  ASSERT_EQ(svc_.infer("b", g.mem, g.good(), g.out()), 40);
  EXPECT_EQ(svc_.stats().compiles, 2u);
}

TEST_F(MlService_, ChangedModelBytesAreRecompiledNotServedStale) {
  Guest g(model_, d_.input(0));
  ASSERT_EQ(svc_.infer("a", g.mem, g.good(), g.out()), 40);
  g.mem[g.model_off + g.model_len - 1] ^= 0x01;  // still a valid model? either way: not a cache hit
  (void)svc_.infer("a", g.mem, g.good(), g.out());
  EXPECT_EQ(svc_.stats().cache_hits, 0u);
}

TEST_F(MlService_, RangesOutsideTheCallerMemoryAreBadMemory) {
  Guest g(model_, d_.input(0));
  const auto size = static_cast<std::uint32_t>(g.mem.size());
  EXPECT_EQ(svc_.infer("a", g.mem, Guest::req(g.model_off, size, g.input_off, g.input_len), g.out()), abi::kBadMemory);
  EXPECT_EQ(svc_.infer("a", g.mem, Guest::req(0xffffffffu, 2, g.input_off, g.input_len), g.out()), abi::kBadMemory);
  EXPECT_EQ(svc_.infer("a", g.mem, Guest::req(g.model_off, g.model_len, 1, 0xffffffffu), g.out()), abi::kBadMemory);
  EXPECT_EQ(svc_.infer("a", {}, g.good(), {}), abi::kBadMemory);
  EXPECT_EQ(svc_.stats().inferences, 0u);
  EXPECT_EQ(svc_.stats().rejected, 4u);
}

TEST_F(MlService_, MalformedRequestsModelsAndBuffers) {
  Guest g(model_, d_.input(0));
  auto r = g.good();
  r.pop_back();
  EXPECT_EQ(svc_.infer("a", g.mem, r, g.out()), abi::kInvalid);                       // 15-byte request
  EXPECT_EQ(svc_.infer("a", g.mem, Guest::req(g.model_off, 100, g.input_off, g.input_len), g.out()), abi::kInvalid);  // truncated model
  EXPECT_EQ(svc_.infer("a", g.mem, Guest::req(g.model_off, g.model_len, g.input_off, 252), g.out()), abi::kInvalid);   // wrong input size
  EXPECT_EQ(svc_.infer("a", g.mem, g.good(), g.out(39)), abi::kTooBig);              // response too small
  Limits small;
  small.max_model_bytes = 1024;
  MlService strict(small);
  EXPECT_EQ(strict.infer("a", g.mem, g.good(), g.out()), abi::kTooBig);
  EXPECT_EQ(svc_.stats().inferences, 0u);
}

TEST_F(MlService_, CacheIsBounded) {
  Limits l;
  l.cache_entries = 3;
  l.cache_entries_per_container = 2;
  MlService svc(l);
  Guest g(model_, d_.input(0));
  for (const char* uid : {"a", "b", "c", "d"}) ASSERT_EQ(svc.infer(uid, g.mem, g.good(), g.out()), 40);
  EXPECT_EQ(svc.cache().size(), 3u);
  const auto int8 = test::read_bytes(TC_ML_MODEL_DIR "/digits_mlp_int8.onnx");
  Guest g8(int8, d_.input(0));
  ASSERT_EQ(svc.infer("d", g8.mem, g8.good(), g8.out()), 40);
  Guest g8b(int8, d_.input(1));
  g8b.mem.resize(g8b.mem.size() + 7);  // same model bytes at the same place, other memory
  ASSERT_EQ(svc.infer("d", g8b.mem, g8b.good(), g8b.out()), 40);
  EXPECT_LE(svc.cache().size(), 3u);
  Limits none;
  none.cache_bytes = 100;  // nothing fits: still runs, never cached
  MlService uncached(none);
  ASSERT_EQ(uncached.infer("a", g.mem, g.good(), g.out()), 40);
  EXPECT_EQ(uncached.cache().size(), 0u);
}

}  // namespace
}  // namespace tc::ml
