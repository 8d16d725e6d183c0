#include "api/execution_service.hpp"

#include <algorithm>
#include <future>

#include "api/native_response.hpp"

namespace tc::api {

ExecutionService::ExecutionService(exec::Executor& executor, ServerLimits limits, unsigned workers,
                                   std::size_t queue_capacity, ResultStore& store, Metrics& metrics)
    : executor_(executor),
      limits_(limits),
      languages_(executor.languages()),
      store_(store),
      metrics_(metrics),
      queue_(workers, queue_capacity) {}

exec::ExecutionRequest ExecutionService::prepare(exec::ExecutionRequest request) const {
  exec::StepLimits compile_default;
  exec::StepLimits run_default;
  for (const auto& l : languages_) {
    if (l.name == request.language ||
        std::find(l.aliases.begin(), l.aliases.end(), request.language) != l.aliases.end()) {
      compile_default = l.default_compile_limits;
      run_default = l.default_run_limits;
      // A nameless file: the entry takes the language's source name, others file<i>.code.
      for (std::size_t i = 0; i < request.files.size(); ++i)
        if (request.files[i].name.empty())
          request.files[i].name = i == 0 ? l.source_file : "file" + std::to_string(i) + ".code";
    }
  }
  request.compile_limits = clamp(request.compile_limits, compile_default, limits_.compile_max);
  request.run_limits = clamp(request.run_limits, run_default, limits_.run_max);
  return request;
}

Result<exec::ExecutionResult> ExecutionService::execute_counted(
    const exec::ExecutionRequest& request, std::chrono::steady_clock::time_point queued_at) {
  auto result = executor_.execute(request);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - queued_at).count();
  if (result)
    metrics_.count_execution(std::string(to_string(result->status)), seconds);
  else
    metrics_.count_execution(result.error().phase == Phase::usage ? "rejected" : "error", seconds);
  return result;
}

RunResult ExecutionService::run(exec::ExecutionRequest request) {
  auto req = std::make_shared<exec::ExecutionRequest>(prepare(std::move(request)));
  auto promise = std::make_shared<std::promise<Result<exec::ExecutionResult>>>();
  auto future = promise->get_future();
  const auto queued_at = std::chrono::steady_clock::now();
  RunResult out;
  if (queue_.run_here([&] { out.result = execute_counted(*req, queued_at); })) return out;
  auto admit = queue_.submit([this, req, promise, queued_at] {
    promise->set_value(execute_counted(*req, queued_at));
  });
  if (admit != WorkQueue::Admit::accepted) {
    out.rejected = admit;
    return out;
  }
  out.result = future.get();
  return out;
}

AsyncSubmission ExecutionService::submit_async(exec::ExecutionRequest request) {
  AsyncSubmission out;
  std::string id = ResultStore::new_id();
  if (auto r = store_.insert_queued(id, ResultStore::now()); !r) {
    out.id = std::unexpected(r.error());
    return out;
  }
  auto req = std::make_shared<exec::ExecutionRequest>(prepare(std::move(request)));
  const auto queued_at = std::chrono::steady_clock::now();
  auto admit = queue_.submit([this, req, id, queued_at] {
    (void)store_.mark_running(id);
    auto result = execute_counted(*req, queued_at);
    nlohmann::json j = result ? result_json(*result)
                              : error_json(result.error().phase == Phase::usage ? "invalid_request"
                                                                                : "internal_error",
                                           result.error().describe());
    (void)store_.finish(id, ResultStore::now(), j.dump());
  });
  if (admit != WorkQueue::Admit::accepted) {
    (void)store_.remove(id);
    out.rejected = admit;
    return out;
  }
  out.id = id;
  return out;
}

int ExecutionService::retry_after_seconds() const {
  // A worker frees up within about one execution; tell clients to come back in a second,
  // longer when the queue is deep.
  const std::size_t per_worker = queue_.depth() / std::max(1U, queue_.workers());
  return static_cast<int>(std::clamp<std::size_t>(per_worker, 1, 30));
}

}  // namespace tc::api
