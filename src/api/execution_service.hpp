// tinycontainer api — admission, limits and execution shared by the native and Piston routes.
//
// Contract:
//  * prepare() clamps a request's compile and run limits against the language profile's
//    defaults and the server maxima (api/limits.hpp); an unknown language is left to the
//    executor, which rejects it with a precise usage error. Nameless files are named: the
//    first after the language's source file, the others file<i>.code.
//  * run() queues the request on the bounded worker pool and waits for it: `rejected` says
//    full (429) or closed (503); otherwise the executor's Result. Executions are counted in
//    the metrics by outcome status (usage errors as "rejected", other errors as "error").
//  * submit_async() stores a queued record, queues the work and returns its id; the worker
//    stores the final JSON (native result form) when done.
//  * close() refuses new work (503); drain() waits for queued and running work to finish.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/limits.hpp"
#include "api/metrics.hpp"
#include "api/result_store.hpp"
#include "api/work_queue.hpp"
#include "executor/executor.hpp"

namespace tc::api {

struct RunResult {
  std::optional<WorkQueue::Admit> rejected;  // full or closed; empty when it ran
  Result<exec::ExecutionResult> result = make_error(Phase::internal, "not run");
};

struct AsyncSubmission {
  std::optional<WorkQueue::Admit> rejected;
  Result<std::string> id = make_error(Phase::internal, "not submitted");
};

class ExecutionService {
 public:
  ExecutionService(exec::Executor& executor, ServerLimits limits, unsigned workers,
                   std::size_t queue_capacity, ResultStore& store, Metrics& metrics);

  [[nodiscard]] const std::vector<exec::LanguageInfo>& languages() const noexcept { return languages_; }
  [[nodiscard]] const ServerLimits& limits() const noexcept { return limits_; }
  [[nodiscard]] exec::ExecutionRequest prepare(exec::ExecutionRequest request) const;

  [[nodiscard]] RunResult run(exec::ExecutionRequest request);
  [[nodiscard]] AsyncSubmission submit_async(exec::ExecutionRequest request);

  // Seconds a rejected client should wait before retrying (Retry-After).
  [[nodiscard]] int retry_after_seconds() const;
  [[nodiscard]] std::size_t queue_depth() const { return queue_.depth(); }
  [[nodiscard]] std::size_t in_flight() const { return queue_.in_flight(); }
  [[nodiscard]] exec::WarmPoolCounters warm_pool() const { return executor_.warm_pool(); }
  void close() { queue_.close(); }
  void drain() { queue_.drain(); }

 private:
  [[nodiscard]] Result<exec::ExecutionResult> execute_counted(
      const exec::ExecutionRequest& request, std::chrono::steady_clock::time_point queued_at);

  exec::Executor& executor_;
  ServerLimits limits_;
  std::vector<exec::LanguageInfo> languages_;
  ResultStore& store_;
  Metrics& metrics_;
  WorkQueue queue_;  // last: its threads stop before the members they use go away
};

}  // namespace tc::api
