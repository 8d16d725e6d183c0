#include "executor/random_name.hpp"

#include <sys/random.h>

#include <chrono>
#include <fmt/format.h>
#include <vector>

namespace tc::exec {

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  if (::getrandom(buf.data(), buf.size(), 0) != static_cast<ssize_t>(buf.size())) {
    auto t = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    for (std::size_t i = 0; i < bytes; ++i) buf[i] = static_cast<unsigned char>(t >> (8 * (i % 8)));
  }
  std::string out;
  for (unsigned char b : buf) out += fmt::format("{:02x}", b);
  return out;
}

}  // namespace tc::exec
