// Test fixture run once per backend: "detected" (what CgroupManager picks on this host:
// v1 on the hybrid CI machine, v2 in the VM) and "unified" (the v2 backend forced on the
// cgroup2 mount — on a hybrid host it has no controllers, so only plumbing tests run;
// skipped where it is the same as "detected"). Every test checks in TearDown that no
// run cgroup of this process is left and reaps orphaned grandchildren (the test process
// is a child subreaper).
#pragma once

#include <dirent.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "linux/cgroup/manager.hpp"

namespace tc::cgroup::testing {

struct Mode {
  const char* name;
  std::optional<CgroupVersion> version;
};

inline void PrintTo(const Mode& mode, std::ostream* os) {
  *os << mode.name;
}

inline std::vector<std::string> own_run_dirs(const std::vector<std::string>& parents) {
  const std::string prefix = "tc-" + std::to_string(::getpid()) + "-";
  std::vector<std::string> found;
  for (const std::string& p : parents) {
    DIR* d = ::opendir(p.c_str());
    if (d == nullptr) continue;
    while (const dirent* e = ::readdir(d))
      if (std::string(e->d_name).rfind(prefix, 0) == 0) found.push_back(p + "/" + e->d_name);
    ::closedir(d);
  }
  return found;
}

class CgroupTest : public ::testing::TestWithParam<Mode> {
 protected:
  void SetUp() override {
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    auto layout = probe_layout();
    ASSERT_TRUE(layout) << layout.error().describe();
    const Mode mode = GetParam();
    if (mode.version == CgroupVersion::v2) {
      if (!layout->unified) GTEST_SKIP() << "no cgroup2 mount on this host";
      if (layout->mode == LayoutMode::unified)
        GTEST_SKIP() << "unified host: the 'detected' run already covers v2";
    }
    ManagerOptions options;
    options.version = mode.version;
    auto manager = CgroupManager::open(options);
    ASSERT_TRUE(manager) << manager.error().describe();
    if (!manager->unenforceable(Limits{.cpu_time = std::chrono::seconds(1)}).empty())
      GTEST_SKIP() << "no writable cgroup here (run the integration tests as root)";
    manager_.emplace(std::move(*manager));
  }

  void TearDown() override {
    if (manager_) {
      EXPECT_EQ(own_run_dirs(manager_->backend().parent_dirs()), std::vector<std::string>{})
          << "a run cgroup was left behind";
    }
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
  }

  // Skips the test when this backend cannot enforce `limits` here.
  bool can_enforce(const Limits& limits) {
    const auto missing = manager_->unenforceable(limits);
    if (missing.empty()) return true;
    std::string list;
    for (const auto& m : missing) list += m + " ";
    skip_reason_ = "cannot enforce here: " + list;
    return false;
  }

  std::unique_ptr<RunCgroup> make_run(const Limits& limits) {
    auto run = manager_->create_run(limits);
    EXPECT_TRUE(run) << run.error().describe();
    return run ? std::move(*run) : nullptr;
  }

  std::optional<CgroupManager> manager_;
  std::string skip_reason_;
};

inline std::string mode_name(const ::testing::TestParamInfo<Mode>& info) {
  return info.param.name;
}

#define TC_CGROUP_MODES                                                    \
  ::testing::Values(::tc::cgroup::testing::Mode{"detected", std::nullopt}, \
                    ::tc::cgroup::testing::Mode{"unified", ::tc::cgroup::CgroupVersion::v2})

#define TC_REQUIRE_LIMITS(limits) \
  if (!can_enforce(limits)) GTEST_SKIP() << skip_reason_

}  // namespace tc::cgroup::testing
