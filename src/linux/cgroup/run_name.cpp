#include "linux/cgroup/run_name.hpp"

#include <sys/random.h>
#include <unistd.h>


#include "linux/cgroup/files.hpp"
#include "linux/cgroup/text.hpp"

namespace tc::cgroup {

std::string format_run_name(const RunName& name) {
  return "tc-" + std::to_string(name.pid) + "-" + std::to_string(name.start_time) + "-" +
         name.unique;
}

std::optional<RunName> parse_run_name(std::string_view text) {
  if (text.substr(0, 3) != "tc-") return std::nullopt;
  const auto parts = split(text.substr(3), '-');
  if (parts.size() != 3 || parts[2].size() != 16) return std::nullopt;
  for (char c : parts[2])
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  auto pid = parse_u64(parts[0], "pid");
  auto start = parse_u64(parts[1], "start time");
  if (!pid || !start || *pid == 0 || *pid > 0x3fffffff) return std::nullopt;
  return RunName{static_cast<pid_t>(*pid), *start, std::string(parts[2])};
}

Result<std::uint64_t> parse_stat_start_time(std::string_view stat_text) {
  const auto close = stat_text.rfind(')');
  if (close == std::string_view::npos)
    return make_error(Phase::cgroup, "/proc/<pid>/stat: no ')' after the command name");
  // After ") " come fields 3.. ; start time is field 22, i.e. index 19 here.
  const auto fields = split_fields(trim(stat_text.substr(close + 1)));
  if (fields.size() < 20)
    return make_error(Phase::cgroup, "/proc/<pid>/stat: fewer than 22 fields");
  return parse_u64(fields[19], "/proc/<pid>/stat start time");
}

Result<std::uint64_t> process_start_time(pid_t pid) {
  auto text = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!text) return std::unexpected(text.error());
  return parse_stat_start_time(*text);
}

Result<RunName> new_run_name() {
  const pid_t pid = ::getpid();
  auto start = process_start_time(pid);
  if (!start) return std::unexpected(start.error());
  unsigned char bytes[8];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes))
    return sys_error(Phase::cgroup, "getrandom for a run cgroup name");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string unique;
  for (unsigned char b : bytes) {
    unique += kHex[b >> 4];
    unique += kHex[b & 0xf];
  }
  return RunName{pid, *start, std::move(unique)};
}

bool owner_is_dead(const RunName& name) {
  auto start = process_start_time(name.pid);
  if (!start) return start.error().sys_errno == ENOENT || start.error().sys_errno == ESRCH;
  return *start != name.start_time;
}

}  // namespace tc::cgroup
