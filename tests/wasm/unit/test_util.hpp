// Helpers for wasm unit tests: build tiny binary modules by hand.
#pragma once

#include <cstdint>
#include <vector>

namespace tc::wasm::test {

using Bytes = std::vector<std::uint8_t>;

inline void put_uleb(Bytes& out, std::uint64_t v) {
  do {
    std::uint8_t b = v & 0x7F;
    v >>= 7;
    if (v) b |= 0x80;
    out.push_back(b);
  } while (v);
}

inline void section(Bytes& m, std::uint8_t id, const Bytes& content) {
  m.push_back(id);
  put_uleb(m, content.size());
  m.insert(m.end(), content.begin(), content.end());
}

inline Bytes header() { return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}; }

// (module (func (export "f") (param PARAMS) (result RESULTS) (local LOCALS) BODY))
// `body` excludes the final `end` (0x0B), which is appended.
inline Bytes single_func_module(const Bytes& params, const Bytes& results, const Bytes& locals, const Bytes& body) {
  Bytes m = header();
  Bytes types = {0x01, 0x60};
  put_uleb(types, params.size());
  types.insert(types.end(), params.begin(), params.end());
  put_uleb(types, results.size());
  types.insert(types.end(), results.begin(), results.end());
  section(m, 1, types);
  section(m, 3, {0x01, 0x00});
  section(m, 7, {0x01, 0x01, 'f', 0x00, 0x00});
  Bytes fn;
  put_uleb(fn, locals.size());
  for (std::uint8_t t : locals) { fn.push_back(0x01); fn.push_back(t); }
  fn.insert(fn.end(), body.begin(), body.end());
  fn.push_back(0x0B);
  Bytes code = {0x01};
  put_uleb(code, fn.size());
  code.insert(code.end(), fn.begin(), fn.end());
  section(m, 10, code);
  return m;
}

}  // namespace tc::wasm::test
