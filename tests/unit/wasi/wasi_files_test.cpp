// Unit tests: preopened directories, path_open confinement, file I/O and fd_readdir.
#include <set>

#include "wasi_fixture.hpp"

namespace tc::wasi::test {
namespace {

constexpr std::uint64_t kRead = rights::fd_read | rights::fd_seek | rights::fd_filestat_get | rights::fd_readdir;
constexpr std::uint64_t kWrite = rights::fd_write;

class WasiFiles : public WasiFixture {
 protected:
  void SetUp() override {
    dir_.write("hello.txt", "hello from the host\n");
    dir_.write("sub/inner.txt", "inner");
    outside_.write("secret.txt", "secret");
    std::filesystem::create_symlink(outside_.path() / "secret.txt", dir_.path() / "abs-link");
    std::filesystem::create_symlink("../" + outside_.path().filename().string() + "/secret.txt",
                                    dir_.path() / "rel-link");
    std::filesystem::create_symlink("sub/inner.txt", dir_.path() / "ok-link");
  }
  std::uint32_t read_all(std::uint32_t fd, std::uint32_t len) {
    put_u32(100, 4000); put_u32(104, len);
    EXPECT_EQ(call(&fd_read, {i32(fd), i32(100), i32(1), i32(120)}), 0);
    return u32(120);
  }
  TempDir dir_, outside_;
};

TEST_F(WasiFiles, PrestatNamesThePreopen) {
  make({{dir_.path().string(), "/data", false}});
  ASSERT_EQ(call(&fd_prestat_get, {i32(3), i32(100)}), 0);
  EXPECT_EQ(memory_[100], 0);
  EXPECT_EQ(u32(104), 5u);
  EXPECT_EQ(call(&fd_prestat_dir_name, {i32(3), i32(200), i32(4)}), E(Errno::nametoolong));
  ASSERT_EQ(call(&fd_prestat_dir_name, {i32(3), i32(200), i32(5)}), 0);
  EXPECT_EQ(str(200, 5), "/data");
  EXPECT_EQ(call(&fd_prestat_get, {i32(4), i32(100)}), E(Errno::badf));
}

TEST_F(WasiFiles, OpenReadStatSeek) {
  make({{dir_.path().string(), "/data", false}});
  std::uint32_t fd = 0;
  ASSERT_EQ(open(3, "hello.txt", 0, kRead, &fd), 0);
  EXPECT_EQ(fd, 4u);
  ASSERT_EQ(read_all(fd, 100), 20u);
  EXPECT_EQ(str(4000, 20), "hello from the host\n");
  ASSERT_EQ(call(&fd_filestat_get, {i32(fd), i32(300)}), 0);
  EXPECT_EQ(memory_[316], static_cast<std::uint8_t>(FileType::regular_file));
  EXPECT_EQ(u64(332), 20u);
  ASSERT_EQ(call(&fd_seek, {i32(fd), i64(6), i32(0), i32(400)}), 0);
  EXPECT_EQ(u64(400), 6u);
  ASSERT_EQ(read_all(fd, 4), 4u);
  EXPECT_EQ(str(4000, 4), "from");
  ASSERT_EQ(call(&fd_tell, {i32(fd), i32(400)}), 0);
  EXPECT_EQ(u64(400), 10u);
  EXPECT_EQ(call(&fd_write, {i32(fd), i32(100), i32(1), i32(120)}), E(Errno::badf));
  ASSERT_EQ(call(&fd_close, {i32(fd)}), 0);
  EXPECT_EQ(call(&fd_read, {i32(fd), i32(100), i32(1), i32(120)}), E(Errno::badf));
}

TEST_F(WasiFiles, NestedDirectoryAndAllowedSymlink) {
  make({{dir_.path().string(), "/data", false}});
  std::uint32_t sub = 0, fd = 0;
  ASSERT_EQ(open(3, "sub", kOflagDirectory, rights::path_open | kRead, &sub), 0);
  ASSERT_EQ(open(sub, "inner.txt", 0, kRead, &fd), 0);
  EXPECT_EQ(read_all(fd, 100), 5u);
  EXPECT_EQ(open(3, "ok-link", 0, kRead, &fd, kLookupSymlinkFollow), 0);
  EXPECT_EQ(read_all(fd, 100), 5u);
  EXPECT_EQ(open(3, "sub/../hello.txt", 0, kRead, &fd), 0);
}

TEST_F(WasiFiles, EscapesAreDenied) {
  make({{dir_.path().string(), "/data", false}});
  std::uint32_t fd = 0;
  EXPECT_EQ(open(3, "../../etc/passwd", 0, kRead, &fd), E(Errno::notcapable));
  EXPECT_EQ(open(3, "..", kOflagDirectory, kRead, &fd), E(Errno::notcapable));
  EXPECT_EQ(open(3, "sub/../../x", 0, kRead, &fd), E(Errno::notcapable));
  EXPECT_EQ(open(3, "/etc/passwd", 0, kRead, &fd), E(Errno::notcapable));
  EXPECT_EQ(open(3, "abs-link", 0, kRead, &fd, kLookupSymlinkFollow), E(Errno::notcapable));
  EXPECT_EQ(open(3, "rel-link", 0, kRead, &fd, kLookupSymlinkFollow), E(Errno::notcapable));
  EXPECT_EQ(open(3, "abs-link", 0, kRead, &fd), E(Errno::loop));  // no follow: O_NOFOLLOW
  EXPECT_EQ(open(3, std::string("hello.txt\0x", 11), 0, kRead, &fd), E(Errno::inval));
  EXPECT_EQ(open(3, "missing", 0, kRead, &fd), E(Errno::noent));
  EXPECT_EQ(open(0, "hello.txt", 0, kRead, &fd), E(Errno::notdir));
  EXPECT_EQ(open(9, "hello.txt", 0, kRead, &fd), E(Errno::badf));
}

TEST_F(WasiFiles, CreateWriteAndReadBack) {
  make({{dir_.path().string(), "/data", false}});
  std::uint32_t fd = 0;
  ASSERT_EQ(open(3, "new.txt", kOflagCreat | kOflagTrunc, kRead | kWrite, &fd), 0);
  put_str(500, "written");
  put_u32(100, 500); put_u32(104, 7);
  ASSERT_EQ(call(&fd_write, {i32(fd), i32(100), i32(1), i32(120)}), 0);
  EXPECT_EQ(u32(120), 7u);
  std::ifstream in(dir_.path() / "new.txt");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "written");
}

TEST_F(WasiFiles, ReadOnlyPreopenRefusesWrites) {
  make({{dir_.path().string(), "/ro", true}});
  std::uint32_t fd = 0;
  EXPECT_EQ(open(3, "new.txt", kOflagCreat, kRead | kWrite, &fd), E(Errno::notcapable));
  EXPECT_EQ(open(3, "hello.txt", kOflagTrunc, kRead, &fd), E(Errno::notcapable));
  EXPECT_EQ(open(3, "hello.txt", 0, kWrite, &fd), E(Errno::notcapable));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "new.txt"));
  ASSERT_EQ(open(3, "hello.txt", 0, kRead, &fd), 0);
  EXPECT_EQ(read_all(fd, 5), 5u);
}

TEST_F(WasiFiles, ReaddirListsEveryEntry) {
  make({{dir_.path().string(), "/data", false}});
  ASSERT_EQ(call(&fd_readdir, {i32(3), i32(5000), i32(4096), i64(0), i32(120)}), 0);
  const std::uint32_t used = u32(120);
  ASSERT_GT(used, 0u);
  ASSERT_LT(used, 4096u);
  std::set<std::string> names;
  std::uint64_t last_next = 0;
  for (std::uint32_t off = 0; off < used;) {
    const std::uint32_t len = u32(5000 + off + 16);
    last_next = u64(5000 + off);
    names.insert(str(5000 + off + kDirentSize, len));
    off += kDirentSize + len;
  }
  EXPECT_EQ(names, (std::set<std::string>{".", "..", "hello.txt", "sub", "abs-link", "rel-link", "ok-link"}));
  // Resuming at the last cookie returns nothing more.
  ASSERT_EQ(call(&fd_readdir, {i32(3), i32(5000), i32(4096), i64(last_next), i32(120)}), 0);
  EXPECT_EQ(u32(120), 0u);
  // A small buffer is filled completely (the guest then retries with a larger one).
  ASSERT_EQ(call(&fd_readdir, {i32(3), i32(5000), i32(30), i64(0), i32(120)}), 0);
  EXPECT_EQ(u32(120), 30u);
  EXPECT_EQ(call(&fd_readdir, {i32(3), i32(kMemSize - 10), i32(30), i64(0), i32(120)}), E(Errno::fault));
  EXPECT_EQ(call(&fd_readdir, {i32(1), i32(5000), i32(30), i64(0), i32(120)}), E(Errno::badf));
}

TEST_F(WasiFiles, ContextClosesHostHandles) {
  auto count_fds = [] {
    std::size_t n = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
    return n;
  };
  const std::size_t before = count_fds();
  make({{dir_.path().string(), "/data", false}});
  std::uint32_t fd = 0;
  ASSERT_EQ(open(3, "hello.txt", 0, kRead, &fd), 0);
  EXPECT_GT(count_fds(), before);
  ctx_.reset();
  EXPECT_EQ(count_fds(), before);
}

}  // namespace
}  // namespace tc::wasi::test
