// tinycontainer api — a bounded worker pool with a bounded queue.
//
// Contract: `workers` threads run submitted jobs in FIFO order. submit() never blocks: it
// returns `full` when `capacity` jobs already wait (the caller answers 429 + Retry-After)
// and `closed` after close() (503 while shutting down). close() stops admission;
// drain() closes, then waits until every queued and running job has finished and joins the
// threads. The destructor closes and drains. Jobs must not throw (they are noexcept
// wrappers around the executor, which returns values).
// run_here() runs a job on the calling thread instead — only when a worker would take it
// at once anyway (not closed, nothing queued, fewer than `workers` jobs running): it counts
// as running like a worker's job, and drain() waits for it too. A synchronous request
// saves two thread hand-offs (each a cross-CPU wake-up) this way.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tc::api {

class WorkQueue {
 public:
  enum class Admit { accepted, full, closed };

  WorkQueue(unsigned workers, std::size_t capacity);
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  [[nodiscard]] Admit submit(std::function<void()> job);
  // true: `job` ran here; false: it did not run (capacity taken, queued work, or closed).
  [[nodiscard]] bool run_here(const std::function<void()>& job);
  void close();
  void drain();

  [[nodiscard]] std::size_t depth() const;
  [[nodiscard]] std::size_t in_flight() const;
  [[nodiscard]] unsigned workers() const noexcept { return static_cast<unsigned>(threads_.size()); }

 private:
  void worker_loop();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::size_t capacity_;
  std::size_t running_ = 0;  // by workers and by run_here
  std::size_t running_here_ = 0;
  std::condition_variable here_done_;
  bool closed_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tc::api
