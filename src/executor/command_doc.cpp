#include "executor/command_doc.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/unique_fd.hpp"
#include "common/units.hpp"
#include "common/write_all.hpp"
#include "linux/copy_in.hpp"

namespace tc::exec {

namespace {

using nlohmann::json;

std::unexpected<Error> bad(std::string what) {
  return make_error(Phase::usage, "command document: " + std::move(what));
}

Result<std::vector<std::string>> strings(const json& doc, const char* key, bool required) {
  auto it = doc.find(key);
  if (it == doc.end()) {
    if (required) return bad(fmt::format("\"{}\" is required", key));
    return std::vector<std::string>{};
  }
  if (!it->is_array()) return bad(fmt::format("\"{}\" must be an array of strings", key));
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) return bad(fmt::format("\"{}\" must be an array of strings", key));
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<std::optional<std::string>> text(const json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end()) return std::optional<std::string>{};
  if (!it->is_string()) return bad(fmt::format("\"{}\" must be a string", key));
  return std::optional<std::string>{it->get<std::string>()};
}

Result<std::vector<std::string>> merged_env(std::vector<std::string> env,
                                            const std::vector<std::string>& extra) {
  for (const auto& kv : extra) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || !sandbox::valid_env_name(std::string_view(kv).substr(0, eq)))
      return bad(fmt::format("\"env\" entry '{}': want NAME=VALUE", kv));
    const std::string prefix = kv.substr(0, eq + 1);
    std::erase_if(env, [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
    env.push_back(kv);
  }
  return env;
}

Result<std::string> read_stdin_file(const std::string& path, std::uint64_t max) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) return sys_error(Phase::usage, "command document: stdin_file " + path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
    return bad("stdin_file " + path + " is not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max)
    return bad(fmt::format("stdin_file {} is larger than {} bytes", path, max));
  std::string data;
  std::array<char, 65536> buf;
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::io, "read stdin_file " + path);
    if (n == 0) break;
    data.append(buf.data(), static_cast<std::size_t>(n));
    if (data.size() > max) return bad("stdin_file " + path + " grew while read");
  }
  return data;
}

constexpr std::array kKeys{"args",           "env",       "stdin",       "stdin_file", "copy_in",
                           "keep_workspace", "wall_time", "output_limit"};

Result<void> check_keys(const json& doc) {
  if (!doc.is_object()) return bad("want a JSON object");
  for (const auto& [key, value] : doc.items())
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
      return bad(fmt::format("unknown field \"{}\"", key));
  return {};
}

Result<void> apply_stdin(const json& doc, const CommandDefaults& d, sandbox::DeferredCommand& c) {
  auto data = text(doc, "stdin");
  if (!data) return std::unexpected(data.error());
  auto file = text(doc, "stdin_file");
  if (!file) return std::unexpected(file.error());
  if (*data && *file) return bad("\"stdin\" and \"stdin_file\" are exclusive");
  if (*data) c.stdin_data = std::move(**data);
  if (*file) {
    auto read = read_stdin_file(**file, d.max_stdin);
    if (!read) return std::unexpected(read.error());
    c.stdin_data = std::move(*read);
  }
  return {};
}

Result<void> apply_workspace(const json& doc, sandbox::DeferredCommand& c) {
  auto copies = strings(doc, "copy_in", false);
  if (!copies) return std::unexpected(copies.error());
  for (const auto& arg : *copies) {
    auto spec = sandbox::parse_copy_in(arg);
    if (!spec) return bad("copy_in: " + spec.error().message);
    c.copy_in.push_back({spec->source, spec->destination});
  }
  auto keep = text(doc, "keep_workspace");
  if (!keep) return std::unexpected(keep.error());
  if (*keep) {
    if (keep->value().empty()) return bad("\"keep_workspace\" must not be empty");
    std::filesystem::path dest = std::filesystem::absolute(**keep);
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(dest, ec)))
      return bad(fmt::format("keep_workspace {} already exists", dest.string()));
    c.keep_dir = dest;
  }
  return {};
}

Result<void> apply_limits(const json& doc, const CommandDefaults& d, sandbox::DeferredCommand& c) {
  c.wall_time = d.wall_time;
  c.output_limit = d.output_limit;
  auto wall = text(doc, "wall_time");
  if (!wall) return std::unexpected(wall.error());
  if (*wall) {
    auto v = parse_duration(**wall);
    if (!v) return bad("wall_time: " + v.error().message);
    c.wall_time = *v;
  }
  auto out = text(doc, "output_limit");
  if (!out) return std::unexpected(out.error());
  if (*out) {
    auto v = parse_size(**out);
    if (!v) return bad("output_limit: " + v.error().message);
    c.output_limit = *v;
  }
  return {};
}

// Reads until EOF; nullopt when `signal_fd` became readable first.
Result<std::optional<std::string>> read_document(int fd, int signal_fd) {
  std::string doc;
  std::array<char, 65536> buf;
  for (;;) {
    std::array<pollfd, 2> p{pollfd{fd, POLLIN, 0}, pollfd{signal_fd, POLLIN, 0}};
    int n = ::poll(p.data(), signal_fd >= 0 ? 2 : 1, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::io, "poll command fd");
    if (p[1].revents != 0) {
      signalfd_siginfo info{};  // consumed: it must not kill us when the mask is restored
      (void)::read(signal_fd, &info, sizeof info);
      return std::optional<std::string>{};
    }
    ssize_t got = ::read(fd, buf.data(), buf.size());
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got < 0) return sys_error(Phase::io, "read command fd");
    if (got == 0) return std::optional<std::string>{std::move(doc)};
    doc.append(buf.data(), static_cast<std::size_t>(got));
    if (doc.size() > kMaxCommandDoc)
      return bad(fmt::format("larger than {} bytes", kMaxCommandDoc));
  }
}

}  // namespace

Result<sandbox::DeferredCommand> parse_command_doc(std::string_view text_in,
                                                   const CommandDefaults& d) {
  json doc = json::parse(text_in, nullptr, false);
  if (doc.is_discarded()) return bad("not valid JSON");
  if (auto r = check_keys(doc); !r) return std::unexpected(r.error());
  sandbox::DeferredCommand c;
  auto args = strings(doc, "args", true);
  if (!args) return std::unexpected(args.error());
  if (args->empty() || args->front().empty()) return bad("\"args\" must name a command");
  c.args = std::move(*args);
  auto extra = strings(doc, "env", false);
  if (!extra) return std::unexpected(extra.error());
  auto env = merged_env(d.env, *extra);
  if (!env) return std::unexpected(env.error());
  c.env = std::move(*env);
  for (auto step : {apply_stdin, apply_limits})
    if (auto r = step(doc, d, c); !r) return std::unexpected(r.error());
  if (auto r = apply_workspace(doc, c); !r) return std::unexpected(r.error());
  return c;
}

std::string make_command_doc(const CommandDocFields& f) {
  json doc{{"args", f.args}};
  if (!f.env.empty()) doc["env"] = f.env;
  if (!f.stdin_file.empty()) doc["stdin_file"] = f.stdin_file;
  if (!f.copy_in.empty()) doc["copy_in"] = f.copy_in;
  if (!f.keep_workspace.empty()) doc["keep_workspace"] = f.keep_workspace;
  if (!f.wall_time.empty()) doc["wall_time"] = f.wall_time;
  if (!f.output_limit.empty()) doc["output_limit"] = f.output_limit;
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::optional<sandbox::DeferredCommand>> await_command_doc(int fd, int signal_fd,
                                                                  const CommandDefaults& d) {
  if (auto r = send_all(fd, "ready\n"); !r) {
    if (r.error().sys_errno == EPIPE || r.error().sys_errno == ECONNRESET)
      return std::optional<sandbox::DeferredCommand>{};  // the pool went away: cancelled
    return std::unexpected(r.error());
  }
  auto doc = read_document(fd, signal_fd);
  if (!doc) return std::unexpected(doc.error());
  if (!*doc) return make_error(Phase::setup, "interrupted before the command");
  if ((*doc)->empty()) return std::optional<sandbox::DeferredCommand>{};
  auto cmd = parse_command_doc(**doc, d);
  if (!cmd) return std::unexpected(cmd.error());
  return std::optional<sandbox::DeferredCommand>{std::move(*cmd)};
}

}  // namespace tc::exec
