// tinycontainer wasm — bounds-checked reader over a byte range (spec §5.1, §5.2).
//
// Contract: every read checks the remaining length. Errors are sticky: the first failure
// records its message and every later read returns 0 without advancing, so decoding
// loops must also check ok() (count() refuses counts larger than the bytes left, which
// bounds every loop by the input size).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "wasm/leb128.hpp"

namespace tc::wasm {

class ByteReader {
 public:
  ByteReader(const std::uint8_t* begin, const std::uint8_t* end) noexcept
      : begin_(begin), p_(begin), end_(end) {}

  [[nodiscard]] bool ok() const noexcept { return error_ == nullptr; }
  [[nodiscard]] const char* error() const noexcept { return error_; }
  [[nodiscard]] bool at_end() const noexcept { return p_ == end_; }
  [[nodiscard]] std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - p_); }
  [[nodiscard]] const std::uint8_t* pos() const noexcept { return p_; }
  [[nodiscard]] std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
  void fail(const char* msg) noexcept { if (!error_) error_ = msg; p_ = end_; }

  std::uint8_t u8() noexcept {
    if (!ok()) return 0;
    if (p_ == end_) { fail("unexpected end"); return 0; }
    return *p_++;
  }
  std::uint32_t u32() noexcept { return static_cast<std::uint32_t>(uleb<32>()); }
  std::int32_t s32() noexcept { return static_cast<std::int32_t>(sleb<32>()); }
  std::int64_t s33() noexcept { return sleb<33>(); }
  std::int64_t s64() noexcept { return sleb<64>(); }
  std::uint32_t fixed32() noexcept {
    if (!need(4)) return 0;
    std::uint32_t v;
    std::memcpy(&v, p_, 4);
    p_ += 4;
    return v;
  }
  std::uint64_t fixed64() noexcept {
    if (!need(8)) return 0;
    std::uint64_t v;
    std::memcpy(&v, p_, 8);
    p_ += 8;
    return v;
  }
  const std::uint8_t* bytes(std::size_t n) noexcept {
    if (!need(n)) return nullptr;
    const std::uint8_t* r = p_;
    p_ += n;
    return r;
  }
  // A vector count; each element takes at least `min_elem_bytes` bytes.
  std::uint32_t count(std::size_t min_elem_bytes = 1) noexcept {
    const std::uint32_t n = u32();
    if (ok() && static_cast<std::uint64_t>(n) * min_elem_bytes > remaining()) {
      fail(min_elem_bytes ? "unexpected end" : "length out of bounds");
      return 0;
    }
    return n;
  }
  // A UTF-8 name (§5.2.4): the bytes must be valid UTF-8.
  std::string name() noexcept;

 private:
  bool need(std::size_t n) noexcept {
    if (!ok()) return false;
    if (remaining() < n) { fail("unexpected end"); return false; }
    return true;
  }
  template <unsigned N>
  std::uint64_t uleb() noexcept {
    if (!ok()) return 0;
    std::uint64_t v = 0;
    const char* e = nullptr;
    if (!read_uleb<N>(p_, end_, v, &e)) { p_ = end_; fail(e); return 0; }
    return v;
  }
  template <unsigned N>
  std::int64_t sleb() noexcept {
    if (!ok()) return 0;
    std::int64_t v = 0;
    const char* e = nullptr;
    if (!read_sleb<N>(p_, end_, v, &e)) { p_ = end_; fail(e); return 0; }
    return v;
  }

  const std::uint8_t* begin_;
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  const char* error_ = nullptr;
};

// True iff [p, p+n) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
[[nodiscard]] bool is_valid_utf8(const std::uint8_t* p, std::size_t n) noexcept;

}  // namespace tc::wasm
