#include "api/work_queue.hpp"

namespace tc::api {

WorkQueue::WorkQueue(unsigned workers, std::size_t capacity) : capacity_(capacity) {
  if (workers == 0) workers = 1;
  threads_.reserve(workers);
  for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this] { worker_loop(); });
}

WorkQueue::~WorkQueue() {
  close();
  drain();
}

WorkQueue::Admit WorkQueue::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (closed_) return Admit::closed;
    // A job waiting for a free worker counts against the queue; an idle worker takes it at once.
    const std::size_t idle = threads_.size() > running_ ? threads_.size() - running_ : 0;
    if (jobs_.size() >= capacity_ + idle) return Admit::full;
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
  return Admit::accepted;
}

bool WorkQueue::run_here(const std::function<void()>& job) {
  {
    std::lock_guard lock(mu_);
    if (closed_ || !jobs_.empty() || running_ >= threads_.size()) return false;
    ++running_;
    ++running_here_;
  }
  job();
  {
    std::lock_guard lock(mu_);
    --running_;
    --running_here_;
  }
  here_done_.notify_all();
  cv_.notify_one();  // a queued job may take the freed capacity
  return true;
}

void WorkQueue::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_all();
}

void WorkQueue::drain() {
  close();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  std::unique_lock lock(mu_);
  here_done_.wait(lock, [this] { return running_here_ == 0; });
}

std::size_t WorkQueue::depth() const {
  std::lock_guard lock(mu_);
  return jobs_.size();
}

std::size_t WorkQueue::in_flight() const {
  std::lock_guard lock(mu_);
  return running_;
}

void WorkQueue::worker_loop() {
  std::unique_lock lock(mu_);
  while (true) {
    // Jobs run on the callers' threads (run_here) take capacity too: at most `workers` run.
    cv_.wait(lock, [this] {
      return (closed_ && jobs_.empty()) || (!jobs_.empty() && running_ < threads_.size());
    });
    if (jobs_.empty()) return;  // closed and nothing left: drained
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    ++running_;
    lock.unlock();
    job();
    lock.lock();
    --running_;
  }
}

}  // namespace tc::api
