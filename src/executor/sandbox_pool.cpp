#include "executor/sandbox_pool.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "common/write_all.hpp"
#include "executor/child_process.hpp"
#include "executor/command_doc.hpp"

namespace tc::exec {

namespace {

using Clock = std::chrono::steady_clock;
using Argv = std::vector<std::string>;

struct Entry {
  PipedChild child;
  UniqueFd sock;     // our end of the command socket
  std::string said;  // what the sandbox wrote so far ("ready\n" once built)
};

enum class Readiness { building, ready, dead };

// Non-blocking: has the sandbox said "ready\n" (or died)?
Readiness poll_ready(Entry& e) {
  while (e.said != "ready\n") {
    std::array<char, 8> buf;
    ssize_t n = ::recv(e.sock.get(), buf.data(), buf.size(), MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Readiness::building;
    if (n <= 0) return Readiness::dead;
    e.said.append(buf.data(), static_cast<std::size_t>(n));
    if (e.said.size() > 6 || std::string_view("ready\n").substr(0, e.said.size()) != e.said)
      return Readiness::dead;
  }
  return Readiness::ready;
}

struct Shape {
  std::deque<Entry> idle;
  std::size_t busy = 0;  // taken sandboxes whose step is still running
  Clock::time_point last_used;
};

// The whole document, then EOF (the sandbox reads until it).
bool send_document(int sock, std::string_view doc) {
  return send_all(sock, doc) && ::shutdown(sock, SHUT_WR) == 0;
}

std::string command_doc(const StepSpec& s) {
  CommandDocFields f;
  f.args = s.command;
  f.env = s.env;
  f.stdin_file = s.stdin_path;
  for (const auto& [from, to] : s.copy_in) f.copy_in.push_back(from.string() + ":" + to);
  if (s.keep_workspace) f.keep_workspace = s.keep_workspace->string();
  f.wall_time = micros_text(*s.limits.wall_seconds);
  f.output_limit = std::to_string(*s.limits.output_bytes);
  return make_command_doc(f);
}

// Cancels sandboxes that will not be used and reaps their supervisors: every socket is
// closed first, so they all tear down at once, then each is reaped.
void dispose(std::vector<Entry> entries) {
  for (auto& e : entries) e.sock.reset();
  CaptureOptions opts;
  opts.timeout = std::chrono::seconds(30);
  opts.max_bytes = 1 << 16;
  for (auto& e : entries) (void)collect(std::move(e.child), opts);
}

void dispose(Entry e) {
  std::vector<Entry> one;
  one.push_back(std::move(e));
  dispose(std::move(one));
}

}  // namespace

std::vector<std::string> pooled_argv(const StepSpec& s) {
  Argv a{s.tinycontainer, "run", "--json", "-q", "--command-fd", "3"};
  // As root, sandboxes build at SCHED_IDLE: a concurrent build slowed a running python3
  // start by ~25 % at normal priority, by nothing measurable at SCHED_IDLE (BENCHMARKS.md).
  if (::geteuid() == 0) a.push_back("--idle-until-command");
  a.insert(a.end(),
           {"--memory", std::to_string(*s.limits.memory_bytes), "--pids",
            std::to_string(*s.limits.pids), "--cpu-time", micros_text(*s.limits.cpu_seconds)});
  if (!s.runtime_dir.empty()) a.insert(a.end(), {"--runtime-dir", s.runtime_dir});
  if (!s.cgroup_parent.empty()) a.insert(a.end(), {"--cgroup-parent", s.cgroup_parent});
  if (s.uid_base) a.insert(a.end(), {"--uid-base", std::to_string(*s.uid_base)});
  for (const auto& sc : s.allow_syscalls) a.insert(a.end(), {"--allow-syscall", sc});
  return a;
}

class SandboxPool::Impl {
 public:
  Impl(PoolConfig c, std::vector<std::string> env)
      : config_(c), env_(std::move(env)), thread_([this] { loop(); }) {}

  ~Impl() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    std::vector<Entry> all;
    for (auto& [argv, shape] : shapes_)
      for (auto& e : shape.idle) all.push_back(std::move(e));
    dispose(std::move(all));
  }

  std::optional<Outcome> run(const StepSpec& spec) {
    if (config_.per_shape == 0 || spec.runtime != StepRuntime::linux) return std::nullopt;
    const Argv argv = pooled_argv(spec);
    auto entry = take(argv);
    if (!entry) return std::nullopt;
    // The replacement is built once this step is over (release), not next to it: its mounts
    // and cgroup work would contend with this step's exec and teardown for kernel locks.
    struct Release {
      Impl* pool;
      const Argv& argv;
      ~Release() { pool->release(argv); }
    } release{this, argv};
    const bool sent = send_document(entry->sock.get(), command_doc(spec));
    count_use(sent);
    if (!sent) {
      dispose(std::move(*entry));
      return std::nullopt;
    }
    entry->sock.reset();
    return step_outcome(collect(std::move(entry->child), step_capture_options(spec)));
  }

  void release(const Argv& argv) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = shapes_.find(argv); it != shapes_.end() && it->second.busy > 0)
        --it->second.busy;
    }
    cv_.notify_all();
  }

  void prepare(const StepSpec& spec) {
    if (config_.per_shape == 0 || spec.runtime != StepRuntime::linux) return;
    {
      std::lock_guard lock(mutex_);
      touch(pooled_argv(spec));
    }
    cv_.notify_all();
  }

  PoolStats stats() {
    std::lock_guard lock(mutex_);
    PoolStats s = stats_;
    s.idle = s.ready = 0;
    for (auto& [argv, shape] : shapes_)
      for (auto& e : shape.idle) {
        ++s.idle;
        s.ready += poll_ready(e) == Readiness::ready;
      }
    return s;
  }

 private:
  // Marks the shape used (creating it, dropping the least recently used one beyond
  // max_shapes). Caller holds mutex_.
  Shape& touch(const Argv& argv) {
    auto [it, fresh] = shapes_.try_emplace(argv);
    it->second.last_used = Clock::now();
    if (fresh && shapes_.size() > config_.max_shapes) {
      auto oldest = std::min_element(shapes_.begin(), shapes_.end(), [](auto& a, auto& b) {
        return a.second.last_used < b.second.last_used;
      });
      retire(oldest->second);
      shapes_.erase(oldest);
    }
    return it->second;
  }

  void retire(Shape& shape) {  // caller holds mutex_
    for (auto& e : shape.idle) graveyard_.push_back(std::move(e));
    stats_.discarded += shape.idle.size();
    shape.idle.clear();
  }

  std::optional<Entry> take(const Argv& argv) {
    std::optional<Entry> out;
    {
      std::lock_guard lock(mutex_);
      // Only a sandbox that is already built: one still building runs at SCHED_IDLE and,
      // on a saturated machine, might not finish soon — the step runs cold instead.
      Shape& shape = touch(argv);
      for (auto it = shape.idle.begin(); it != shape.idle.end() && !out;) {
        const Readiness r = poll_ready(*it);
        if (r == Readiness::building) {
          ++it;
          continue;
        }
        if (r == Readiness::ready) out = std::move(*it);
        else graveyard_.push_back(std::move(*it)), ++stats_.discarded;
        it = shape.idle.erase(it);
      }
      if (out) ++shape.busy;
      else ++stats_.misses;  // a taken sandbox counts once its command is sent (count_use)
    }
    cv_.notify_all();
    return out;
  }

  // A taken sandbox served the step (hit), or died before its command (miss, discarded).
  void count_use(bool sent) {
    std::lock_guard lock(mutex_);
    ++(sent ? stats_.hits : stats_.misses);
    if (!sent) ++stats_.discarded;
  }


  std::optional<Entry> spawn(const Argv& argv) {
    std::array<int, 2> sp{};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp.data()) != 0) return std::nullopt;
    UniqueFd ours(sp[0]), theirs(sp[1]);
    CaptureOptions opts;
    opts.env = env_;
    opts.sched_idle = ::geteuid() == 0;  // the CLI leaves it when the command arrives
    auto child = spawn_piped(argv, opts, theirs.get());
    if (!child) return std::nullopt;
    return Entry{std::move(*child), std::move(ours)};
  }

  // The shape most in need of a sandbox (fewest idle below per_shape), if any.
  std::optional<Argv> wanted() const {  // caller holds mutex_
    const Argv* best = nullptr;
    std::size_t fewest = config_.per_shape;
    for (const auto& [argv, shape] : shapes_)
      if (shape.idle.size() + shape.busy < fewest) {
        fewest = shape.idle.size() + shape.busy;
        best = &argv;
      }
    return best ? std::optional<Argv>(*best) : std::nullopt;
  }

  void expire() {  // caller holds mutex_
    const auto now = Clock::now();
    for (auto it = shapes_.begin(); it != shapes_.end();) {
      if (now - it->second.last_used < config_.max_idle) {
        ++it;
        continue;
      }
      retire(it->second);
      it = shapes_.erase(it);
    }
  }

  void loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      expire();
      if (!graveyard_.empty()) {
        auto dead = std::exchange(graveyard_, {});
        lock.unlock();
        dispose(std::move(dead));
        lock.lock();
        continue;
      }
      if (auto argv = wanted()) {
        lock.unlock();
        auto entry = spawn(*argv);
        lock.lock();
        auto it = shapes_.find(*argv);
        if (entry && it != shapes_.end() && !stopping_) {
          it->second.idle.push_back(std::move(*entry));
          ++stats_.built;
        } else if (entry) {
          graveyard_.push_back(std::move(*entry));
        } else {
          cv_.wait_for(lock, std::chrono::seconds(1));  // spawn failed: do not spin
        }
        continue;
      }
      cv_.wait_for(lock, std::chrono::seconds(5));
    }
    auto dead = std::exchange(graveyard_, {});
    lock.unlock();
    dispose(std::move(dead));
  }

  const PoolConfig config_;
  const std::vector<std::string> env_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::map<Argv, Shape> shapes_;
  std::vector<Entry> graveyard_;
  PoolStats stats_;
  bool stopping_ = false;
  std::thread thread_;  // last: started after every member above exists
};

SandboxPool::SandboxPool(PoolConfig config, std::vector<std::string> process_env)
    : impl_(std::make_unique<Impl>(config, std::move(process_env))) {}

SandboxPool::~SandboxPool() = default;

std::optional<Outcome> SandboxPool::run(const StepSpec& spec) {
  try {
    return impl_->run(spec);
  } catch (const std::exception&) {  // bad_alloc: run it cold instead
    return std::nullopt;
  }
}

void SandboxPool::prepare(const StepSpec& spec) {
  impl_->prepare(spec);
}

PoolStats SandboxPool::stats() const {
  return impl_->stats();
}

}  // namespace tc::exec
