#include "host/linux_runtime.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <nlohmann/json.hpp>

#include "common/unique_fd.hpp"
#include "host/output_buffer.hpp"

extern char** environ;

namespace tc::host {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxOutcomeBytes = 64u << 20;

class Spawn {
 public:
  Spawn() { posix_spawn_file_actions_init(&fa_); }
  ~Spawn() { posix_spawn_file_actions_destroy(&fa_); }
  posix_spawn_file_actions_t* get() { return &fa_; }

 private:
  posix_spawn_file_actions_t fa_;
};

class ProcessInstance final : public Instance {
 public:
  ProcessInstance(std::vector<std::string> argv, const InstanceEnv& env)
      : argv_(std::move(argv)), output_(env.output), binary_(env.tinycontainer_path) {}
  ~ProcessInstance() override { kill(); }

  bool one_shot() const noexcept override { return true; }
  Result<void> suspend() override { return make_error(Phase::usage, "the linux runtime cannot suspend a container"); }
  Result<void> resume() override { return make_error(Phase::usage, "the linux runtime cannot resume a container"); }

  void begin(PhaseKind phase, std::chrono::microseconds budget) noexcept override {
    phase_ = phase;
    if (phase == PhaseKind::loop && !spawned_) spawn_error_ = spawn();
    if (phase == PhaseKind::stop && pid_ > 0) {
      ::kill(pid_, SIGTERM);
      term_deadline_ = Clock::now() + budget;
    }
  }

  StepResult step(std::uint64_t) noexcept override {
    StepResult r;
    if (phase_ == PhaseKind::start) return r;  // done
    if (!spawn_error_.empty()) {
      r.status = StepStatus::failed;
      r.reason = spawn_error_;
      return r;
    }
    drain();
    if (pid_ > 0 && !reap(WNOHANG)) {
      if (phase_ == PhaseKind::stop && Clock::now() >= term_deadline_) {
        ::kill(pid_, SIGKILL);
        reap(0);
      } else {
        r.status = StepStatus::waiting;
        r.retry_in = phase_ == PhaseKind::stop ? std::chrono::microseconds(2000) : std::chrono::microseconds(0);
        return r;
      }
    }
    drain();
    if (phase_ == PhaseKind::stop) return r;  // done
    return result(r);
  }

  void abandon() noexcept override {}
  void kill() noexcept override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      reap(0);
    }
  }
  void finalize() noexcept override { kill(); }

 private:
  std::string spawn() noexcept {
    spawned_ = true;
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) return "pipe failed";
    UniqueFd out_r(out[0]), out_w(out[1]);
    if (pipe2(err, O_CLOEXEC) != 0) return "pipe failed";
    UniqueFd err_r(err[0]), err_w(err[1]);
    Spawn fa;
    posix_spawn_file_actions_addopen(fa.get(), 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(fa.get(), out_w.get(), 1);
    posix_spawn_file_actions_adddup2(fa.get(), err_w.get(), 2);
    posix_spawn_file_actions_addclosefrom_np(fa.get(), 3);
    std::vector<std::string> args{binary_, "run", "--json", "-q", "--"};
    args.insert(args.end(), argv_.begin(), argv_.end());
    std::vector<char*> cargv;
    for (auto& a : args) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, binary_.c_str(), fa.get(), nullptr, cargv.data(), environ);
    if (rc != 0) return "cannot spawn " + binary_ + ": " + std::string(strerror(rc));
    pid_ = pid;
    fcntl(out_r.get(), F_SETFL, O_NONBLOCK);
    fcntl(err_r.get(), F_SETFL, O_NONBLOCK);
    out_ = std::move(out_r);
    err_ = std::move(err_r);
    return {};
  }

  void drain() noexcept {
    std::array<std::uint8_t, 4096> buf;
    for (int i = 0; i < 64 && out_; ++i) {
      const ssize_t n = ::read(out_.get(), buf.data(), buf.size());
      if (n <= 0) { if (n == 0) out_.reset(); break; }
      if (outcome_.size() < kMaxOutcomeBytes) outcome_.append(reinterpret_cast<char*>(buf.data()), static_cast<std::size_t>(n));
    }
    for (int i = 0; i < 64 && err_; ++i) {
      const ssize_t n = ::read(err_.get(), buf.data(), buf.size());
      if (n <= 0) { if (n == 0) err_.reset(); break; }
      output_->write(2, std::span<const std::uint8_t>(buf.data(), static_cast<std::size_t>(n)));
    }
  }

  bool reap(int flags) noexcept {
    int status = 0;
    pid_t r;
    do r = waitpid(pid_, &status, flags); while (r < 0 && errno == EINTR);
    if (r == 0) return false;
    wait_status_ = status;
    pid_ = -1;
    return true;
  }

  StepResult result(StepResult& r) noexcept {
    try {
      auto j = nlohmann::json::parse(outcome_, nullptr, false);
      if (j.is_object() && j.contains("status")) {
        auto stream = [&](const char* key, int fd) {
          if (j.contains(key) && j[key].is_object() && j[key].contains("data") && j[key]["data"].is_string()) {
            const std::string& s = j[key]["data"].get_ref<const std::string&>();
            output_->write(fd, std::span(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
          }
        };
        stream("stdout", 1);
        stream("stderr", 2);
        if (j["exit_code"].is_number_integer()) r.exit_code = j["exit_code"].get<int>();
        const std::string status = j["status"].is_string() ? j["status"].get<std::string>() : "?";
        if (status == "ok") {
          r.status = StepStatus::finished;
          return r;
        }
        const std::string reason = j.contains("reason") && j["reason"].is_string() ? j["reason"].get<std::string>() : "";
        r.status = StepStatus::failed;
        r.reason = reason.empty() ? status : status + ": " + reason;
        return r;
      }
      r.status = StepStatus::failed;
      if (WIFEXITED(wait_status_)) r.exit_code = WEXITSTATUS(wait_status_);
      r.reason = WIFSIGNALED(wait_status_) ? "tinycontainer run killed by signal " + std::to_string(WTERMSIG(wait_status_))
                                           : "tinycontainer run printed no outcome (exit " +
                                                 std::to_string(r.exit_code.value_or(-1)) + ")";
    } catch (...) {
      r.status = StepStatus::failed;
      r.reason = "cannot read the outcome";
    }
    return r;
  }

  std::vector<std::string> argv_;
  OutputBuffer* output_;
  std::string binary_;
  PhaseKind phase_ = PhaseKind::start;
  bool spawned_ = false;
  std::string spawn_error_;
  pid_t pid_ = -1;
  int wait_status_ = 0;
  UniqueFd out_, err_;
  std::string outcome_;
  Clock::time_point term_deadline_{};
};

}  // namespace

Result<std::vector<std::string>> parse_command(std::span<const std::uint8_t> code) {
  auto j = nlohmann::json::parse(code.begin(), code.end(), nullptr, false);
  if (!j.is_array() || j.empty() || j.size() > 256)
    return make_error(Phase::config, "linux code must be a JSON array of 1..256 strings (the command), e.g. [\"/bin/echo\", \"hi\"]");
  std::vector<std::string> argv;
  for (const auto& e : j) {
    if (!e.is_string()) return make_error(Phase::config, "linux code: every element of the command must be a string");
    std::string s = e.get<std::string>();
    if (s.find('\0') != std::string::npos) return make_error(Phase::config, "linux code: NUL byte in the command");
    argv.push_back(std::move(s));
  }
  if (argv[0].empty()) return make_error(Phase::config, "linux code: empty command");
  return argv;
}

Result<std::unique_ptr<Instance>> LinuxRuntime::create(const metadata::Metadata&, std::span<const std::uint8_t> code,
                                                       std::span<const std::uint8_t>, const InstanceEnv& env) {
  auto argv = parse_command(code);
  if (!argv) return std::unexpected(argv.error());
  if (env.tinycontainer_path.empty() || access(env.tinycontainer_path.c_str(), X_OK) != 0)
    return make_error(Phase::config, "linux runtime: the host has no usable tinycontainer binary ('" +
                                         env.tinycontainer_path + "'; HostConfig::tinycontainer_path)");
  return std::unique_ptr<Instance>(std::make_unique<ProcessInstance>(std::move(*argv), env));
}

}  // namespace tc::host
