#include "linux/deferred_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tc::sandbox {

namespace {

void put_u32(std::string& out, std::uint32_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

bool get_u32(std::string_view& in, std::uint32_t& v) {
  if (in.size() < sizeof v) return false;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return true;
}

bool read_full(int fd, char* data, std::size_t n) {
  while (n > 0) {
    ssize_t got = ::read(fd, data, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    data += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

std::string encode_process(const std::vector<std::string>& args,
                           const std::vector<std::string>& env) {
  std::string payload;
  put_u32(payload, static_cast<std::uint32_t>(args.size()));
  put_u32(payload, static_cast<std::uint32_t>(env.size()));
  for (const auto* list : {&args, &env})
    for (const auto& s : *list) payload.append(s.c_str(), s.size() + 1);
  std::string out;
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  return out + payload;
}

Result<void> decode_process(std::string_view in, std::vector<std::string>& args,
                            std::vector<std::string>& env) {
  std::uint32_t argc = 0, envc = 0;
  if (!get_u32(in, argc) || !get_u32(in, envc))
    return make_error(Phase::internal, "deferred command: truncated header");
  // Every string takes at least its NUL: counts above the bytes left are malformed.
  if (argc == 0 || argc > in.size() || envc > in.size() - argc)
    return make_error(Phase::internal, "deferred command: bad string counts");
  args.clear();
  env.clear();
  for (std::uint32_t i = 0; i < argc + envc; ++i) {
    auto nul = in.find('\0');
    if (nul == std::string_view::npos)
      return make_error(Phase::internal, "deferred command: unterminated string");
    (i < argc ? args : env).emplace_back(in.substr(0, nul));
    in.remove_prefix(nul + 1);
  }
  if (!in.empty()) return make_error(Phase::internal, "deferred command: trailing bytes");
  return {};
}

Result<std::string> read_process_blob(int fd) {
  std::uint32_t size = 0;
  if (!read_full(fd, reinterpret_cast<char*>(&size), sizeof size))
    return make_error(Phase::setup, "deferred command: cancelled before a command was given");
  if (size > kMaxProcessBlob)
    return make_error(Phase::internal, "deferred command: blob too large");
  std::string payload(size, '\0');
  if (!read_full(fd, payload.data(), size))
    return make_error(Phase::internal, "deferred command: truncated blob");
  return payload;
}

}  // namespace tc::sandbox
