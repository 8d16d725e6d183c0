// tinycontainer hostile-workload suite runner (LABELS integration).
//
// For every case of cases.json: prepare host-side bait (a loopback listener, an abstract
// socket, a SysV segment, a sentinel process, a setuid copy...), run the case through a
// launcher, and assert containment FROM THE OUTSIDE: the outcome status/syscall reported
// by the supervisor, the case's own CONTAINED line, and the bait untouched.
// Launchers (chosen at build time by CMake, one executable each):
//   TC_TINYCONTAINER defined: `tinycontainer run --copy-in CASE:case --json -- ./case ARGS`
//   otherwise: the stand-in harness, tc_seccomp_exec, inside
//   `setpriv (uid 65534) unshare --user --map-root-user --mount --pid --fork --mount-proc
//    --net --ipc --uts` (validates the cases and the seccomp/caps layers now).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Case {
  std::string name, expect, syscall, host_check;
  std::vector<std::string> args;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

std::vector<Case> load_cases() {
  std::ifstream in(TC_SECURITY_MANIFEST);
  const json doc = json::parse(in);
  std::vector<Case> out;
  for (const auto& c : doc.at("cases"))
    out.push_back({c.at("name"), c.at("expect"), c.value("syscall", ""), c.value("host_check", ""),
                   c.value("args", std::vector<std::string>{})});
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Captured {
  int status = -1;
  std::string out, err;
};

std::string read_memfd(int fd) {
  std::string s;
  char buf[4096];
  for (off_t off = 0;;) {
    ssize_t n = pread(fd, buf, sizeof buf, off);
    if (n <= 0) return s;
    s.append(buf, static_cast<size_t>(n));
    off += n;
  }
}

// fork+exec argv with stdout and stderr captured; stdin /dev/null. Fds are close-on-exec.
Captured run_capture(const std::vector<std::string>& argv) {
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  int out = memfd_create("out", MFD_CLOEXEC), err = memfd_create("err", MFD_CLOEXEC);
  int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(null, 0);
    dup2(out, 1);
    dup2(err, 2);
    execvp(cargv[0], cargv.data());
    _exit(127);
  }
  Captured c;
  waitpid(pid, &c.status, 0);
  c.out = read_memfd(out);
  c.err = read_memfd(err);
  close(out);
  close(err);
  close(null);
  return c;
}

// Host-side bait for one case, torn down by the destructor.
class Bait {
 public:
  explicit Bait(const Case& c) : check_(c.host_check) {
    if (check_ == "tcp_listener") {
      fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      socklen_t len = sizeof a;
      EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&a), len), 0);
      EXPECT_EQ(listen(fd_, 8), 0);
      getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
      subst_["{port}"] = std::to_string(ntohs(a.sin_port));
    } else if (check_ == "abstract_listener") {
      const std::string name = "tc-security-suite-" + std::to_string(getpid());
      fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
      sockaddr_un a{};
      a.sun_family = AF_UNIX;
      std::memcpy(a.sun_path + 1, name.data(), name.size());
      const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
      EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&a), len), 0);
      EXPECT_EQ(listen(fd_, 8), 0);
      subst_["{abstract}"] = name;
    } else if (check_ == "sysv_segment") {
      key_ = 0x7c000000 | (getpid() & 0xffffff);
      shm_ = shmget(key_, 4096, IPC_CREAT | IPC_EXCL | 0666);
      EXPECT_GE(shm_, 0) << strerror(errno);
      subst_["{shm_key}"] = std::to_string(key_);
    } else if (check_ == "sentinel_alive") {
      sentinel_ = fork();
      if (sentinel_ == 0) {
        if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0) _exit(1);
        execl("/bin/sleep", "sleep", "120", nullptr);
        _exit(127);
      }
    } else if (check_ == "core_pattern_unchanged") {
      before_ = slurp("/proc/sys/kernel/core_pattern");
    } else if (check_ == "cgroup_unchanged") {
      before_ = slurp("/proc/self/cgroup");
    }
  }
  ~Bait() {
    if (fd_ >= 0) close(fd_);
    if (shm_ >= 0) shmctl(shm_, IPC_RMID, nullptr);
    if (sentinel_ > 0) {
      kill(sentinel_, SIGKILL);
      waitpid(sentinel_, nullptr, 0);
    }
  }
  std::string expand(const std::string& arg) const {
    auto it = subst_.find(arg);
    return it == subst_.end() ? arg : it->second;
  }
  // The outside assertion, after the case ran.
  void verify() {
    if (check_ == "tcp_listener" || check_ == "abstract_listener") {
      const int c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      EXPECT_LT(c, 0) << "the host listener accepted a connection from the sandbox";
      if (c >= 0) close(c);
    } else if (check_ == "sysv_segment") {
      shmid_ds ds{};
      ASSERT_EQ(shmctl(shm_, IPC_STAT, &ds), 0);
      EXPECT_EQ(ds.shm_nattch, 0U) << "the host segment was attached";
      EXPECT_EQ(ds.shm_lpid, 0) << "a process attached the host segment";
    } else if (check_ == "sentinel_alive") {
      EXPECT_EQ(waitpid(sentinel_, nullptr, WNOHANG), 0) << "the host sentinel died";
      EXPECT_EQ(kill(sentinel_, 0), 0);
    } else if (check_ == "core_pattern_unchanged") {
      EXPECT_EQ(slurp("/proc/sys/kernel/core_pattern"), before_);
    } else if (check_ == "cgroup_unchanged") {
      EXPECT_EQ(slurp("/proc/self/cgroup"), before_);
    }
  }

 private:
  std::string check_;
  std::map<std::string, std::string> subst_;
  int fd_ = -1, shm_ = -1;
  key_t key_ = 0;
  pid_t sentinel_ = -1;
  std::string before_;
};

// The runtime binary whose integrity proc_exe_overwrite must not break.
std::string runtime_binary() {
#ifdef TC_TINYCONTAINER
  return TC_TINYCONTAINER;
#else
  return TC_SECCOMP_EXEC;
#endif
}

std::vector<std::string> launcher(const fs::path& case_bin, const std::vector<std::string>& args) {
#ifdef TC_TINYCONTAINER
  std::vector<std::string> v{TC_TINYCONTAINER, "run", "--copy-in", case_bin.string() + ":case",
                             "--json",         "--",  "./case"};
#else
  std::vector<std::string> v{"setpriv",
                             "--reuid=65534",
                             "--regid=65534",
                             "--clear-groups",
                             "--",
                             "unshare",
                             "--user",
                             "--map-root-user",
                             "--mount",
                             "--pid",
                             "--fork",
                             "--mount-proc",
                             "--net",
                             "--ipc",
                             "--uts",
                             "--",
                             TC_SECCOMP_EXEC,
                             "--json",
                             "--",
                             case_bin.string()};
#endif
  v.insert(v.end(), args.begin(), args.end());
  return v;
}

// Harness mode needs unprivileged user namespaces (as uid 65534); some hosts disable them.
bool launcher_available() {
#ifdef TC_TINYCONTAINER
  return true;
#else
  static const bool ok = [] {
    const Captured c =
        run_capture({"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "unshare",
                     "--user", "--map-root-user", "--mount", "--pid", "--fork", "--mount-proc",
                     "--net", "--ipc", "--uts", "--", "true"});
    return WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0;
  }();
  return ok;
#endif
}

class HostileWorkload : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "the suite's host bait needs root";
    if (!launcher_available())
      GTEST_SKIP() << "unprivileged user namespaces unavailable (setpriv + unshare --user failed)";
    dir_ = fs::temp_directory_path() /
           ("tc-security-" + std::to_string(getpid()) + "-" + GetParam().name);
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_P(HostileWorkload, IsContained) {
  const Case& c = GetParam();
  // Cases run from a root-owned copy (0755, 04755 for the setuid case): a workload must
  // not be able to modify its own binary either.
  const fs::path bin = dir_ / c.name;
  fs::copy_file(fs::path(TC_SECURITY_CASES_DIR) / c.name, bin);
  ASSERT_EQ(chmod(bin.c_str(), c.host_check == "setuid_copy" ? 04755 : 0755), 0);
  const std::string runtime_before = slurp(runtime_binary());
  Bait bait(c);
  std::vector<std::string> args;
  for (const auto& a : c.args) args.push_back(bait.expand(a));

  const Captured r = run_capture(launcher(bin, args));
  json outcome;
  try {
    outcome = json::parse(r.out);
  } catch (const json::exception& e) {
    FAIL() << "no JSON outcome: " << e.what() << "\nstdout: " << r.out << "\nstderr: " << r.err;
  }
  const std::string output = outcome.at("stdout").at("data").get<std::string>();
  SCOPED_TRACE("outcome: " + outcome.dump() + "\nstderr: " + r.err);
  if (c.expect == "violation") {
    EXPECT_EQ(outcome.at("status"), "security_violation");
    EXPECT_EQ(outcome.value("violation_syscall", ""), c.syscall);
    EXPECT_EQ(output.find("NOT-STOPPED"), std::string::npos);
  } else {
    EXPECT_EQ(outcome.at("status"), "ok");
    EXPECT_NE(output.find("CONTAINED: "), std::string::npos) << output;
  }
  EXPECT_EQ(output.find("ESCAPED"), std::string::npos) << output;
  bait.verify();
  EXPECT_EQ(slurp(runtime_binary()), runtime_before) << "the runtime binary was modified";
}

#ifndef TC_TINYCONTAINER
// Negative control: the same runner must notice when a rule is missing, i.e. the suite
// can fail. With mount allowed, the mount case is not stopped by seccomp (the kernel
// still refuses it: no capability), so there is no security_violation.
TEST(HarnessControl, SuiteDetectsAMissingRule) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  if (!launcher_available()) GTEST_SKIP() << "unprivileged user namespaces unavailable";
  std::vector<std::string> argv = launcher(fs::path(TC_SECURITY_CASES_DIR) / "mount", {});
  argv.insert(argv.end() - 2, {"--allow-syscall", "mount"});
  const Captured r = run_capture(argv);
  const json outcome = json::parse(r.out);
  EXPECT_EQ(outcome.at("status"), "runtime_error") << outcome.dump();
  EXPECT_FALSE(outcome.contains("violation_syscall"));
  EXPECT_NE(outcome.at("stdout").at("data").get<std::string>().find("NOT-STOPPED: mount"),
            std::string::npos);
}
#endif

INSTANTIATE_TEST_SUITE_P(Cases, HostileWorkload, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
