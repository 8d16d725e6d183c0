// tinycontainer host — one container as the manager holds it: its metadata, code, runtime
// instance, endpoint table, output, lifecycle state, scheduling state and statistics.
//
// Contract: plain data owned by the Manager. Fields are guarded by the manager's locks
// (manager.hpp): `instance` and `endpoints` are used only while holding the service lock;
// everything else only while holding the state lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "host/control.hpp"
#include "host/endpoint_table.hpp"
#include "host/output_buffer.hpp"
#include "host/runtime.hpp"
#include "metadata/metadata.hpp"

namespace tc::host {

using Clock = std::chrono::steady_clock;

struct Container;
// Ready jobs in dispatch order: (priority, release time, sequence number).
using ReadyKey = std::tuple<std::uint8_t, Clock::time_point, std::uint64_t>;
using ReadyQueue = std::map<ReadyKey, Container*>;
using TimerQueue = std::multimap<Clock::time_point, Container*>;

enum class Job : std::uint8_t { none, start, loop, stop };

struct Container {
  // Identity, code, configuration.
  std::string uid;
  metadata::Metadata meta;             // current metadata (reconfigurations applied)
  metadata::Scheduling active;         // what the scheduler uses: refreshed at each release
  std::vector<std::uint8_t> code, data;
  Runtime* runtime = nullptr;
  std::unique_ptr<OutputBuffer> output;
  std::unique_ptr<EndpointTable> endpoints;
  std::unique_ptr<Instance> instance;

  // Lifecycle.
  State state = State::loaded;
  State stop_target = State::stopped;  // where the running stop job ends
  std::string last_error;
  std::optional<int> exit_code;
  ContainerStats stats;
  double loop_us_total = 0;

  // Scheduling.
  Job job = Job::none;
  bool job_continues = false;          // a preempted / waiting job resumes at its timer
  bool poll = false;                   // the armed timer is a re-poll, not a release
  std::chrono::nanoseconds job_used{0};  // execution time of the job in this period
  std::chrono::nanoseconds job_total{0}; // execution time of the job in all periods
  Clock::time_point next_release{};
  std::optional<ReadyQueue::iterator> ready_it;
  std::optional<TimerQueue::iterator> timer_it;
};

}  // namespace tc::host
