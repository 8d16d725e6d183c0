// The demo model natively: accuracy on the held-out split >= 95 %, predictions identical to
// scikit-learn's on every test image (float model) and to the numpy reference of the int8
// graph (quantized model), probabilities within 1e-5 of numpy's float32 computation.
#include <gtest/gtest.h>

#include <algorithm>

#include "digits_data.hpp"
#include "ml/plan.hpp"

namespace tc::ml {
namespace {

struct Result10 { std::vector<int> pred; std::vector<float> probs; };

Result10 classify(const std::string& model, const test::DigitsSet& d) {
  const auto bytes = test::read_bytes(model);
  auto plan = load_model(bytes, Limits{});
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().describe());
  Result10 r;
  if (!plan) return r;
  EXPECT_EQ((*plan)->input_bytes(), d.dim * 4u);
  EXPECT_EQ((*plan)->output_bytes(), d.classes * 4u);
  std::vector<float> out(d.classes);
  for (std::size_t i = 0; i < d.n; ++i) {
    const auto x = d.input(i);
    EXPECT_TRUE((*plan)->run({reinterpret_cast<const std::uint8_t*>(x.data()), x.size() * 4},
                             {reinterpret_cast<std::uint8_t*>(out.data()), out.size() * 4}));
    r.pred.push_back(static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin()));
    r.probs.insert(r.probs.end(), out.begin(), out.end());
  }
  return r;
}

class MlDigits : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(test::load_digits(TC_ML_MODEL_DIR "/digits_test.bin", d_)); }
  test::DigitsSet d_;
};

TEST_F(MlDigits, FloatModelMatchesSklearnOnEveryImage) {
  ASSERT_GE(d_.n, 400u);
  const auto r = classify(TC_ML_MODEL_DIR "/digits_mlp.onnx", d_);
  ASSERT_EQ(r.pred.size(), d_.n);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < d_.n; ++i) {
    EXPECT_EQ(r.pred[i], d_.sklearn_pred[i]) << "image " << i;
    correct += r.pred[i] == d_.labels[i];
  }
  EXPECT_GE(static_cast<double>(correct) / d_.n, 0.95);
  for (std::size_t i = 0; i < r.probs.size(); ++i) ASSERT_NEAR(r.probs[i], d_.probs[i], 1e-5) << i;
}

TEST_F(MlDigits, Int8ModelMatchesItsReferenceAndKeepsAccuracy) {
  const auto r = classify(TC_ML_MODEL_DIR "/digits_mlp_int8.onnx", d_);
  ASSERT_EQ(r.pred.size(), d_.n);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < d_.n; ++i) {
    EXPECT_EQ(r.pred[i], d_.int8_pred[i]) << "image " << i;
    correct += r.pred[i] == d_.labels[i];
  }
  EXPECT_GE(static_cast<double>(correct) / d_.n, 0.95);
}

}  // namespace
}  // namespace tc::ml
