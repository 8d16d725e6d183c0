#include "cli/wasm_run.hpp"
#include "cli/usage_error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>

#include "common/unique_fd.hpp"
#include "common/units.hpp"

namespace tc::cli {
namespace {

bool is_unlimited(const std::string& text) {
  return text == "max" || text == "none";
}

Result<void> apply_limits(const SharedRunText& shared, const WasmRunText& wasm,
                          WasmRunRequest& req) {
  auto wall = parse_duration(shared.wall_time);
  if (!wall) return usage("--wall-time: " + wall.error().message);
  req.wall_time_seconds = std::chrono::duration<double>(*wall).count();
  auto out = parse_size(shared.output_limit);
  if (!out) return usage("--output-limit: " + out.error().message);
  req.output_limit_bytes = *out;
  if (!shared.memory.empty() && !is_unlimited(shared.memory)) {
    auto mem = parse_size(shared.memory);
    if (!mem) return usage("--memory: " + mem.error().message);
    if (*mem < 65536) return usage("--memory: a wasm run needs at least one 64 KiB page");
    req.max_memory_bytes = *mem;
  }
  if (!wasm.fuel.empty() && !is_unlimited(wasm.fuel)) {
    std::uint64_t fuel = 0;
    const char* end = wasm.fuel.data() + wasm.fuel.size();
    auto [p, ec] = std::from_chars(wasm.fuel.data(), end, fuel);
    if (ec != std::errc() || p != end || fuel == 0)
      return usage(fmt::format("--fuel: '{}' is not a positive whole number", wasm.fuel));
    req.fuel = fuel;
  }
  return {};
}

Result<void> apply_io(const SharedRunText& shared, WasmRunRequest& req) {
  if (!shared.stdin_file.empty() && shared.stdin_string)
    return usage("--stdin and --stdin-string are exclusive");
  if (shared.stdin_string) req.stdin_data = *shared.stdin_string;
  if (!shared.stdin_file.empty()) {
    std::ifstream in(shared.stdin_file, std::ios::binary);
    if (!in) return usage(fmt::format("--stdin: cannot read '{}'", shared.stdin_file));
    req.stdin_data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  req.env = {"PATH=/usr/bin:/bin", "HOME=/", "LANG=C.UTF-8"};
  for (const auto& kv : shared.env) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      return usage(fmt::format("--env '{}': want NAME=VALUE", kv));
    const std::string prefix = kv.substr(0, eq + 1);
    std::erase_if(req.env, [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
    req.env.push_back(kv);
  }
  return {};
}

}  // namespace

bool is_wasm_module(const std::string& path) noexcept {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat st {};
  if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  std::array<char, 4> magic{};
  return ::read(fd.get(), magic.data(), magic.size()) == 4 &&
         std::memcmp(magic.data(), "\0asm", 4) == 0;
}

Result<WasmRunRequest> make_wasm_request(const std::vector<std::string>& command,
                                         const SharedRunText& shared, const WasmRunText& wasm) {
  if (command.empty()) return usage("missing module: tinycontainer run [options] app.wasm -- ARGS");
  WasmRunRequest req;
  req.module_path = command.front();
  req.args.assign(command.begin() + 1, command.end());
  if (auto r = apply_limits(shared, wasm, req); !r) return std::unexpected(r.error());
  if (auto r = apply_io(shared, req); !r) return std::unexpected(r.error());
  for (const auto& d : wasm.dirs) {
    auto p = parse_dir_mapping(d);
    if (!p) return usage("--dir: " + p.error().message);
    req.preopens.push_back(*p);
  }
  return req;
}

}  // namespace tc::cli
