// Detection from captured /proc/self/cgroup + mountinfo texts (layout.hpp).
#include <gtest/gtest.h>

#include "linux/cgroup/layout.hpp"
#include "linux/cgroup/mountinfo.hpp"
#include "linux/cgroup/proc_cgroup.hpp"

namespace tc::cgroup {
namespace {

// This project's CI machine (hybrid: v1 controllers, empty v2 at /sys/fs/cgroup/unified).
constexpr const char* kHybridCgroup =
    "9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n"
    "4:memory:/process_api/1b510bd61f140ea632e475b5b639b9e1\n3:cpuset:/\n2:cpuacct:/\n"
    "1:cpu:/\n0::/\n";
constexpr const char* kHybridMountinfo =
    "24 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
    "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices\n"
    "37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer\n"
    "38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio\n"
    "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

TEST(Detect, HybridHostOfThisProject) {
  auto layout = detect_layout(kHybridCgroup, kHybridMountinfo);
  ASSERT_TRUE(layout) << layout.error().describe();
  EXPECT_EQ(layout->mode, LayoutMode::hybrid);
  ASSERT_TRUE(layout->unified);
  EXPECT_EQ(layout->unified->own_dir(), "/sys/fs/cgroup/unified");
  const Hierarchy* mem = layout->v1_for("memory");
  ASSERT_NE(mem, nullptr);
  EXPECT_EQ(mem->own_dir(), "/sys/fs/cgroup/memory/process_api/1b510bd61f140ea632e475b5b639b9e1");
  ASSERT_NE(layout->v1_for("cpu"), nullptr);
  ASSERT_NE(layout->v1_for("cpuacct"), nullptr);
  EXPECT_EQ(layout->v1_for("cpu")->own_dir(), "/sys/fs/cgroup/cpu");
  EXPECT_EQ(layout->v1_for("cpuacct")->own_dir(), "/sys/fs/cgroup/cpuacct");
  EXPECT_EQ(layout->v1_for("pids")->own_dir(), "/sys/fs/cgroup/pids");
  EXPECT_EQ(layout->v1_for("name=systemd")->mount_point, "/sys/fs/cgroup/systemd");
  EXPECT_EQ(layout->v1_for("hugetlb"), nullptr);
}

TEST(Detect, PureV2) {
  auto layout = detect_layout(
      "0::/user.slice/user-1000.slice/session-2.scope\n",
      "22 1 0:21 / /proc rw - proc proc rw\n"
      "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 "
      "cgroup2 rw,nsdelegate,memory_recursiveprot\n");
  ASSERT_TRUE(layout) << layout.error().describe();
  EXPECT_EQ(layout->mode, LayoutMode::unified);
  EXPECT_TRUE(layout->v1.empty());
  EXPECT_EQ(layout->unified->own_dir(),
            "/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope");
}

TEST(Detect, PureV1WithCoMountedCpuCpuacct) {
  auto layout = detect_layout(
      "5:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n3:pids:/docker/abc\n"
      "1:name=systemd:/docker/abc\n",
      "40 31 0:37 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n"
      "41 31 0:38 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
      "42 31 0:39 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
      "43 31 0:40 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n");
  ASSERT_TRUE(layout) << layout.error().describe();
  EXPECT_EQ(layout->mode, LayoutMode::legacy);
  EXPECT_FALSE(layout->unified);
  ASSERT_NE(layout->v1_for("cpu"), nullptr);
  EXPECT_EQ(layout->v1_for("cpu"), layout->v1_for("cpuacct"));
  EXPECT_EQ(layout->v1_for("cpu")->own_dir(), "/sys/fs/cgroup/cpu,cpuacct/docker/abc");
}

TEST(Detect, MountRootInsideContainerIsStripped) {
  // A container that sees its own cgroup mounted at /sys/fs/cgroup (root = its path).
  auto layout =
      detect_layout("0::/kubepods/pod1/c1\n",
                    "30 25 0:26 /kubepods/pod1/c1 /sys/fs/cgroup ro - cgroup2 cgroup2 rw\n");
  ASSERT_TRUE(layout) << layout.error().describe();
  EXPECT_EQ(layout->unified->own_path, "/");
  EXPECT_EQ(layout->unified->own_dir(), "/sys/fs/cgroup");
}

TEST(Detect, EscapedSpacesAndColonsInPaths) {
  auto layout = detect_layout("0::/odd:name/with space\n",
                              "30 25 0:26 / /mnt/cg\\040v2 rw - cgroup2 cgroup2 rw\n");
  ASSERT_TRUE(layout) << layout.error().describe();
  EXPECT_EQ(layout->unified->mount_point, "/mnt/cg v2");
  EXPECT_EQ(layout->unified->own_dir(), "/mnt/cg v2/odd:name/with space");
}

TEST(Detect, NothingMountedIsAnError) {
  auto layout = detect_layout("0::/\n", "22 1 0:21 / /proc rw - proc proc rw\n");
  ASSERT_FALSE(layout);
  EXPECT_EQ(layout.error().phase, Phase::cgroup);
  EXPECT_NE(layout.error().message.find("no cgroup hierarchy"), std::string::npos);
}

TEST(Detect, EmptyProcCgroupIsAnError) {
  auto layout = detect_layout("", kHybridMountinfo);
  ASSERT_FALSE(layout);
  EXPECT_NE(layout.error().message.find("empty"), std::string::npos);
}

TEST(ProcCgroup, ParsesEntries) {
  auto e = parse_proc_cgroup("2:cpu,cpuacct:/a:b c\n0::/\n");
  ASSERT_TRUE(e) << e.error().describe();
  ASSERT_EQ(e->size(), 2u);
  EXPECT_EQ((*e)[0].hierarchy_id, 2u);
  EXPECT_EQ((*e)[0].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
  EXPECT_EQ((*e)[0].path, "/a:b c");
  EXPECT_TRUE((*e)[1].controllers.empty());
}

TEST(ProcCgroup, MalformedLinesNameTheLine) {
  auto missing = parse_proc_cgroup("0::/\nbogus\n");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(parse_proc_cgroup("x:cpu:/\n"));
  EXPECT_FALSE(parse_proc_cgroup("1:cpu:relative\n"));
  EXPECT_FALSE(parse_proc_cgroup("1:cpu,,pids:/\n"));
  EXPECT_FALSE(parse_proc_cgroup("0:memory:/\n"));
  EXPECT_FALSE(parse_proc_cgroup("1:cpu:\n"));
  EXPECT_FALSE(parse_proc_cgroup("99999999:cpu:/\n"));
}

TEST(Mountinfo, KeepsOnlyCgroupMountsWithOptions) {
  auto m = parse_mountinfo(kHybridMountinfo);
  ASSERT_TRUE(m) << m.error().describe();
  ASSERT_EQ(m->size(), 10u);
  EXPECT_EQ((*m)[0].mount_point, "/sys/fs/cgroup/cpu");
  EXPECT_EQ((*m)[0].super_options, (std::vector<std::string>{"rw", "cpu"}));
  EXPECT_FALSE((*m)[0].v2);
  EXPECT_TRUE(m->back().v2);
}

TEST(Mountinfo, OptionalFieldsBeforeSeparator) {
  auto m = parse_mountinfo(
      "30 25 0:26 / /sys/fs/cgroup rw shared:4 master:1 - cgroup2 cgroup2 rw,nsdelegate\n");
  ASSERT_TRUE(m) << m.error().describe();
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].super_options, (std::vector<std::string>{"rw", "nsdelegate"}));
}

TEST(Mountinfo, MalformedInputIsAPreciseError) {
  auto no_sep = parse_mountinfo("30 25 0:26 / /sys/fs/cgroup rw cgroup2 cgroup2 rw x y\n");
  ASSERT_FALSE(no_sep);
  EXPECT_NE(no_sep.error().message.find("mountinfo line 1"), std::string::npos);
  auto short_line = parse_mountinfo("22 1 0:21 / /proc rw - proc proc rw\n30 25\n");
  ASSERT_FALSE(short_line);
  EXPECT_NE(short_line.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(parse_mountinfo("30 25 0:26 / /a\\04 rw - cgroup2 cgroup2 rw\n"));
  EXPECT_FALSE(parse_mountinfo("30 25 0:26 / /a\\9zz rw - cgroup2 cgroup2 rw\n"));
  EXPECT_FALSE(parse_mountinfo("30 25 0:26 / relative rw - cgroup2 cgroup2 rw\n"));
}

TEST(Mountinfo, Unescape) {
  EXPECT_EQ(*unescape_mount_path("a\\040b\\011c\\134d\\012"), "a b\tc\\d\n");
  EXPECT_FALSE(unescape_mount_path("trailing\\"));
  EXPECT_FALSE(unescape_mount_path("\\777"));
}

}  // namespace
}  // namespace tc::cgroup
