// tinycontainer — the single-threaded spawner precondition.
//
// Contract: count_threads() returns the number of threads of the calling process (the link
// count of /proc/self/task minus two; its entries if procfs ever says otherwise). require_single_thread() returns a Phase::internal Error when that is
// not exactly 1: a fork-like clone from a multi-threaded process could copy a lock held by
// another thread (malloc, stdio) and deadlock the child. Multi-threaded hosts (the HTTP
// service) must spawn through a single-threaded spawner process (docs/SANDBOX.md).
#pragma once

#include "common/error.hpp"

namespace tc::sandbox {

[[nodiscard]] Result<int> count_threads();
[[nodiscard]] Result<void> require_single_thread();

}  // namespace tc::sandbox
