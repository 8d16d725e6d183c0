// Malformed and hostile models: every one is rejected with a precise error before anything
// runs (never a crash or an out-of-bounds read — the ASan/UBSan build runs these too).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "ml/onnx_import.hpp"
#include "ml/plan.hpp"
#include "model_builder.hpp"

namespace tc::ml {
namespace {

using test::ModelBuilder;

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ModelBuilder valid_mlp() {
  ModelBuilder mb;
  mb.input("X", {1, 4}).init_f32("W", {4, 3}, std::vector<float>(12, 0.5f)).init_f32("B", {3}, {1, 2, 3});
  mb.node("Gemm", {"X", "W", "B"}, "H");
  mb.node("Relu", {"H"}, "Y");
  mb.output("Y");
  return mb;
}

std::string reject(const ModelBuilder& mb, Limits limits = {}) {
  auto r = load_model(mb.bytes(), limits);
  EXPECT_FALSE(r.has_value());
  return r ? std::string() : r.error().message;
}

TEST(MlValidation, ValidModelLoads) {
  auto r = load_model(valid_mlp().bytes(), Limits{});
  ASSERT_TRUE(r.has_value()) << r.error().describe();
  EXPECT_EQ((*r)->input_bytes(), 16u);
  EXPECT_EQ((*r)->output_bytes(), 12u);
}

TEST(MlValidation, EveryTruncationOfTheDemoModelIsRejected) {
  const auto bytes = read_file(TC_ML_MODEL_DIR "/digits_mlp_int8.onnx");
  ASSERT_GT(bytes.size(), 1000u);
  std::size_t rejected = 0;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto r = load_model(std::span(bytes.data(), n), Limits{});
    rejected += r ? 0 : 1;
  }
  EXPECT_EQ(rejected, bytes.size());  // every proper prefix lacks the graph or its opset
}

TEST(MlValidation, GarbageIsADecodeError) {
  const std::vector<std::uint8_t> junk = {0xff, 0xff, 0xff, 0xff, 0x0f, 0x12};
  auto r = import_onnx(junk, Limits{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().phase, Phase::decode);
}

TEST(MlValidation, OpsetAndDomain) {
  ModelBuilder old(10);
  old.input("X", {1}).node("Relu", {"X"}, "Y");
  old.output("Y");
  EXPECT_NE(reject(old).find("opset 10"), std::string::npos);
  auto mb = valid_mlp();
  mb.g->mutable_node(1)->set_domain("com.microsoft");
  EXPECT_NE(reject(mb).find("domain"), std::string::npos);
  auto two = valid_mlp();
  two.m.add_opset_import()->set_version(11);
  EXPECT_NE(reject(two).find("more than one opset"), std::string::npos);
}

TEST(MlValidation, UnsupportedOperator) {
  auto mb = valid_mlp();
  mb.g->mutable_node(1)->set_op_type("Loop");
  EXPECT_NE(reject(mb).find("unsupported operator 'Loop'"), std::string::npos);
}

TEST(MlValidation, TopologyUseBeforeDefinitionAndRedefinition) {
  auto mb = valid_mlp();
  mb.g->mutable_node()->SwapElements(0, 1);  // Relu before Gemm
  EXPECT_NE(reject(mb).find("not defined before use"), std::string::npos);
  auto twice = valid_mlp();
  twice.g->mutable_node(1)->set_output(0, "H");
  EXPECT_NE(reject(twice).find("defined more than once"), std::string::npos);
  auto cyc = valid_mlp();
  cyc.g->mutable_node(0)->set_input(0, "Y");
  EXPECT_NE(reject(cyc).find("not defined before use"), std::string::npos);
}

TEST(MlValidation, InitializerSizeAndTypes) {
  auto mb = valid_mlp();
  mb.g->mutable_initializer(0)->mutable_raw_data()->resize(44);
  EXPECT_NE(reject(mb).find("raw_data has 44 bytes"), std::string::npos);
  auto neg = valid_mlp();
  neg.g->mutable_initializer(0)->set_dims(0, -4);
  EXPECT_NE(reject(neg).find("dimension -4"), std::string::npos);
  auto dbl = valid_mlp();
  dbl.g->mutable_initializer(0)->set_data_type(onnx::TensorProto_DataType_DOUBLE);
  EXPECT_NE(reject(dbl).find("unsupported element type"), std::string::npos);
  auto ext = valid_mlp();
  ext.g->mutable_initializer(0)->set_data_location(onnx::TensorProto_DataLocation_EXTERNAL);
  EXPECT_NE(reject(ext).find("external data"), std::string::npos);
  ModelBuilder range;
  range.input("X", {1}).init_int("z", onnx::TensorProto_DataType_INT8, {}, {300}).init_f32("s", {}, {1});
  range.node("QuantizeLinear", {"X", "s", "z"}, "Y");
  range.output("Y");
  EXPECT_NE(reject(range).find("out of range"), std::string::npos);
}

TEST(MlValidation, ShapesMustAgree) {
  auto mb = valid_mlp();
  mb.g->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(1)->set_dim_value(5);
  EXPECT_NE(reject(mb).find("inner dimensions differ"), std::string::npos);
  auto sym = valid_mlp();
  sym.g->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0)->set_dim_param("N");
  EXPECT_NE(reject(sym).find("symbolic"), std::string::npos);
  auto out = valid_mlp();
  ModelBuilder::shape(out.g->mutable_output(0), onnx::TensorProto_DataType_FLOAT, {1, 4});
  EXPECT_NE(reject(out).find("declared shape"), std::string::npos);
}

TEST(MlValidation, AttributeRanges) {
  auto mb = valid_mlp();
  ModelBuilder::attr_i(mb.g->mutable_node(0), "transA", 2);
  EXPECT_NE(reject(mb).find("transA"), std::string::npos);
  auto unknown = valid_mlp();
  ModelBuilder::attr_i(unknown.g->mutable_node(1), "alpha", 1);
  EXPECT_NE(reject(unknown).find("unsupported attribute"), std::string::npos);
  ModelBuilder conv;
  conv.input("X", {1, 1, 4, 4}).init_f32("W", {1, 1, 3, 3}, std::vector<float>(9, 1));
  auto* n = conv.node("Conv", {"X", "W"}, "Y");
  ModelBuilder::attr_ints(n, "strides", {0, 1});
  conv.output("Y");
  EXPECT_NE(reject(conv).find("strides"), std::string::npos);
  ModelBuilder pad;
  pad.input("X", {1, 1, 4, 4}).init_f32("W", {1, 1, 3, 3}, std::vector<float>(9, 1));
  ModelBuilder::attr_ints(pad.node("Conv", {"X", "W"}, "Y"), "pads", {3, 0, 0, 0});
  pad.output("Y");
  EXPECT_NE(reject(pad).find("padding"), std::string::npos);
  ModelBuilder big;
  big.input("X", {1, 1, 4, 4}).init_f32("W", {1, 1, 5, 5}, std::vector<float>(25, 1));
  big.node("Conv", {"X", "W"}, "Y");
  big.output("Y");
  EXPECT_NE(reject(big).find("window larger"), std::string::npos);
}

TEST(MlValidation, SizeBounds) {
  auto mb = valid_mlp();
  Limits small;
  small.max_model_bytes = 16;
  EXPECT_NE(reject(mb, small).find("limit 16"), std::string::npos);
  Limits tiny_tensors;
  tiny_tensors.max_tensor_elements = 8;
  EXPECT_NE(reject(mb, tiny_tensors).find("more than 8 elements"), std::string::npos);
  Limits tiny_arena;
  tiny_arena.max_arena_bytes = 128;
  EXPECT_NE(reject(mb, tiny_arena).find("arena"), std::string::npos);
  Limits few_macs;
  few_macs.max_macs = 4;
  EXPECT_NE(reject(mb, few_macs).find("multiply-accumulates"), std::string::npos);
  ModelBuilder huge;  // 2^20 x 2^20 activations declared by a tiny model
  huge.input("X", {1 << 20, 1}).init_f32("W", {1, 1024}, std::vector<float>(1024, 1));
  huge.node("MatMul", {"X", "W"}, "Y");
  huge.output("Y");
  EXPECT_NE(reject(huge).find("elements"), std::string::npos);
}

TEST(MlValidation, QuantParamsMustBeConstantPositiveScalars) {
  ModelBuilder mb;
  mb.input("X", {2}).init_f32("s", {}, {-1.0f});
  mb.node("QuantizeLinear", {"X", "s"}, "Y");
  mb.output("Y");
  EXPECT_NE(reject(mb).find("scale"), std::string::npos);
  ModelBuilder vec;
  vec.input("X", {2}).init_f32("s", {2}, {1.0f, 2.0f});
  vec.node("QuantizeLinear", {"X", "s"}, "Y");
  vec.output("Y");
  EXPECT_NE(reject(vec).find("per-tensor"), std::string::npos);
}

TEST(MlValidation, GraphInputsAndOutputs) {
  auto two = valid_mlp();
  ModelBuilder::shape(two.g->add_input(), onnx::TensorProto_DataType_FLOAT, {1});
  two.g->mutable_input(1)->set_name("X2");
  EXPECT_NE(reject(two).find("more than one graph input"), std::string::npos);
  auto noout = valid_mlp();
  noout.g->mutable_output(0)->set_name("W");
  EXPECT_NE(reject(noout).find("not computed by a node"), std::string::npos);
}

}  // namespace
}  // namespace tc::ml
