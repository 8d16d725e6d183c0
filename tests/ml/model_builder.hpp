// Test helper: builds small ONNX models in memory with the same generated protobuf classes
// the importer uses, so every operator and every malformed-model case is a few lines.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "onnx.pb.h"

namespace tc::ml::test {

struct ModelBuilder {
  onnx::ModelProto m;
  onnx::GraphProto* g;

  explicit ModelBuilder(std::int64_t opset = 13) {
    m.set_ir_version(8);
    auto* o = m.add_opset_import();
    o->set_domain("");
    o->set_version(opset);
    g = m.mutable_graph();
    g->set_name("test");
  }
  static void shape(onnx::ValueInfoProto* v, int elem, std::initializer_list<std::int64_t> dims) {
    auto* tt = v->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(elem);
    auto* s = tt->mutable_shape();
    for (auto d : dims) s->add_dim()->set_dim_value(d);
  }
  ModelBuilder& input(const std::string& name, std::initializer_list<std::int64_t> dims,
                      int elem = onnx::TensorProto_DataType_FLOAT) {
    auto* v = g->add_input();
    v->set_name(name);
    shape(v, elem, dims);
    return *this;
  }
  ModelBuilder& output(const std::string& name) {
    g->add_output()->set_name(name);
    return *this;
  }
  ModelBuilder& init_f32(const std::string& name, std::initializer_list<std::int64_t> dims,
                         const std::vector<float>& v) {
    auto* t = g->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto_DataType_FLOAT);
    for (auto d : dims) t->add_dims(d);
    t->set_raw_data(std::string(reinterpret_cast<const char*>(v.data()), v.size() * 4));
    return *this;
  }
  ModelBuilder& init_int(const std::string& name, int dtype, std::initializer_list<std::int64_t> dims,
                         const std::vector<std::int64_t>& v) {
    auto* t = g->add_initializer();
    t->set_name(name);
    t->set_data_type(dtype);
    for (auto d : dims) t->add_dims(d);
    for (auto x : v) {
      if (dtype == onnx::TensorProto_DataType_INT64) t->add_int64_data(x);
      else t->add_int32_data(static_cast<std::int32_t>(x));
    }
    return *this;
  }
  onnx::NodeProto* node(const std::string& op, std::initializer_list<std::string> in,
                        const std::string& out) {
    auto* n = g->add_node();
    n->set_op_type(op);
    n->set_name(out + "_node");
    for (const auto& i : in) n->add_input(i);
    n->add_output(out);
    return n;
  }
  static void attr_i(onnx::NodeProto* n, const std::string& name, std::int64_t v) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_INT);
    a->set_i(v);
  }
  static void attr_f(onnx::NodeProto* n, const std::string& name, float v) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_FLOAT);
    a->set_f(v);
  }
  static void attr_ints(onnx::NodeProto* n, const std::string& name, std::initializer_list<std::int64_t> v) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_INTS);
    for (auto x : v) a->add_ints(x);
  }
  [[nodiscard]] std::vector<std::uint8_t> bytes() const {
    std::string s;
    m.SerializeToString(&s);
    return {s.begin(), s.end()};
  }
};

}  // namespace tc::ml::test
