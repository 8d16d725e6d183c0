#include "linux/single_thread.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace {

// The count follows threads coming and going, and the launcher's precondition with it.
TEST(SingleThread, CountsThreadsAndRefusesMoreThanOne) {
  auto before = tc::sandbox::count_threads();
  ASSERT_TRUE(before);
  if (*before != 1) GTEST_SKIP() << "the test runner already has " << *before << " threads";
  EXPECT_TRUE(tc::sandbox::require_single_thread());
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&] {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return done; });
    });
  auto during = tc::sandbox::count_threads();
  ASSERT_TRUE(during);
  EXPECT_EQ(*during, 3);
  auto refused = tc::sandbox::require_single_thread();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("3 threads"), std::string::npos)
      << refused.error().message;
  {
    std::lock_guard lock(m);
    done = true;
  }
  cv.notify_all();
  for (auto& t : threads) t.join();
  // A joined thread may linger in the thread group for a moment (join wakes before the
  // kernel releases the task).
  int after = 0;
  for (int i = 0; i < 1000; ++i) {
    auto n = tc::sandbox::count_threads();
    ASSERT_TRUE(n);
    if ((after = *n) == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(after, 1);
}

}  // namespace
