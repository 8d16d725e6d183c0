// tinycontainer WASI — bounds-checked little-endian access to the caller's linear memory.
//
// Contract: every accessor checks [addr, addr+len) against the memory's current size
// (64-bit arithmetic, no overflow) and fails instead of touching anything outside it;
// a failed access maps to WASI errno `fault`. Pointers are valid only until the guest
// runs again (memory.grow may move the memory): never keep one across calls.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "wasm/store.hpp"

namespace tc::wasi {

static_assert(std::endian::native == std::endian::little, "WASI layout is little-endian");

class GuestMemory {
 public:
  explicit GuestMemory(const tc::wasm::HostContext& ctx) noexcept : ctx_(ctx) {}

  [[nodiscard]] std::uint8_t* bytes(std::uint64_t addr, std::uint64_t len) const noexcept {
    return ctx_.mem(addr, len);
  }
  [[nodiscard]] std::span<std::uint8_t> span(std::uint64_t addr, std::uint64_t len) const noexcept {
    std::uint8_t* p = bytes(addr, len);
    return p ? std::span<std::uint8_t>(p, static_cast<std::size_t>(len)) : std::span<std::uint8_t>();
  }
  template <class T>
  [[nodiscard]] bool store(std::uint64_t addr, T value) const noexcept {
    std::uint8_t* p = bytes(addr, sizeof(T));
    if (p == nullptr) return false;
    std::memcpy(p, &value, sizeof(T));
    return true;
  }
  template <class T>
  [[nodiscard]] bool load(std::uint64_t addr, T* value) const noexcept {
    const std::uint8_t* p = bytes(addr, sizeof(T));
    if (p == nullptr) return false;
    std::memcpy(value, p, sizeof(T));
    return true;
  }
  [[nodiscard]] bool copy_in(std::uint64_t addr, std::string_view s) const noexcept {
    std::uint8_t* p = bytes(addr, s.size());
    if (p == nullptr) return false;
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    return true;
  }

 private:
  const tc::wasm::HostContext& ctx_;
};

}  // namespace tc::wasi
