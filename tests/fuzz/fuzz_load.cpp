// Fuzz target (a): the binary reader + validator + compiler (tc::wasm::load_module).
// Any input must yield a Module or an Error with Phase::decode/validate — never a crash,
// hang, leak or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "wasm/module.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tc::wasm::Limits limits;
  limits.max_module_bytes = 1u << 20;
  auto m = tc::wasm::load_module(std::span<const std::uint8_t>(data, size), limits);
  if (!m && m.error().phase != tc::Phase::decode && m.error().phase != tc::Phase::validate) {
    std::abort();  // load errors must name the decode or validate phase
  }
  return 0;
}
