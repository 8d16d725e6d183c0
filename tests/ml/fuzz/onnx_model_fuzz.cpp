// Fuzz target: the ONNX importer, validator and plan compiler on arbitrary bytes; a model
// that passes validation is also executed once (zero input) so that the kernels run on
// every shape the validator lets through. Replayed in ctest by tests/fuzz/replay_main.cpp
// over tests/ml/fuzz/corpus; built with libFuzzer when TC_FUZZ=ON (tests/fuzz/build.sh).
#include <cstdint>
#include <vector>

#include "ml/plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tc::ml::Limits limits;
  limits.max_macs = 1 << 22;  // keep each execution short
  auto plan = tc::ml::load_model({data, size}, limits);
  if (!plan) return 0;
  std::vector<std::uint8_t> in((*plan)->input_bytes()), out((*plan)->output_bytes());
  (void)(*plan)->run(in, out);
  return 0;
}
