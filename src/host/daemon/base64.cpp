#include "host/daemon/base64.hpp"

#include <sodium.h>

namespace tc::hostd {

std::string encode_base64(std::span<const std::uint8_t> bytes) {
  const std::size_t cap = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(cap, '\0');
  sodium_bin2base64(out.data(), cap, bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(cap - 1);  // cap counts the terminating NUL
  return out;
}

Result<std::vector<std::uint8_t>> decode_base64(std::string_view text, std::string_view what) {
  std::vector<std::uint8_t> out(text.size() / 4 * 3 + 3);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return make_error(Phase::usage, std::string(what) + ": not valid base64 (RFC 4648, padded)");
  }
  out.resize(len);
  return out;
}

}  // namespace tc::hostd
