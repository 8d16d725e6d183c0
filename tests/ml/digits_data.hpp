// Test helper: the held-out digits set written by scripts/ml/train_digits.py
// (examples/ml-digits/model/digits_test.bin; format in the script's docstring).
#pragma once

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tc::ml::test {

struct DigitsSet {
  std::uint32_t n = 0, dim = 0, classes = 0;
  std::vector<std::uint8_t> pixels, labels, sklearn_pred, int8_pred;
  std::vector<float> probs;  // numpy float32 probabilities of the float model

  [[nodiscard]] std::vector<float> input(std::size_t i) const {
    std::vector<float> x(dim);
    for (std::size_t k = 0; k < dim; ++k) x[k] = static_cast<float>(pixels[i * dim + k]) / 16.0f;
    return x;
  }
};

inline std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline bool load_digits(const std::string& path, DigitsSet& d) {
  const auto b = read_bytes(path);
  if (b.size() < 16 || std::memcmp(b.data(), "TCD1", 4) != 0) return false;
  std::memcpy(&d.n, b.data() + 4, 4);
  std::memcpy(&d.dim, b.data() + 8, 4);
  std::memcpy(&d.classes, b.data() + 12, 4);
  const std::size_t need = 16 + std::size_t{d.n} * d.dim + 3 * std::size_t{d.n} + std::size_t{d.n} * d.classes * 4;
  if (b.size() != need) return false;
  auto p = b.begin() + 16;
  auto take = [&](std::vector<std::uint8_t>& v, std::size_t k) { v.assign(p, p + static_cast<long>(k)); p += static_cast<long>(k); };
  take(d.pixels, std::size_t{d.n} * d.dim);
  take(d.labels, d.n);
  take(d.sklearn_pred, d.n);
  take(d.int8_pred, d.n);
  d.probs.resize(std::size_t{d.n} * d.classes);
  std::memcpy(d.probs.data(), &*p, d.probs.size() * 4);
  return true;
}

}  // namespace tc::ml::test
