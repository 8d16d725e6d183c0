#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "wasm/wasi/host.hpp"

namespace tc::wasi {
namespace {

bool host_clock(std::uint32_t id, clockid_t* out) noexcept {
  switch (id) {
    case realtime: *out = CLOCK_REALTIME; return true;
    case monotonic: *out = CLOCK_MONOTONIC; return true;
    case process_cputime: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case thread_cputime: *out = CLOCK_THREAD_CPUTIME_ID; return true;
    default: return false;
  }
}

std::uint64_t to_ns(const timespec& ts) noexcept {
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
}

FileType type_of(mode_t mode) noexcept {
  if (S_ISREG(mode)) return FileType::regular_file;
  if (S_ISDIR(mode)) return FileType::directory;
  if (S_ISCHR(mode)) return FileType::character_device;
  if (S_ISBLK(mode)) return FileType::block_device;
  if (S_ISLNK(mode)) return FileType::symbolic_link;
  if (S_ISSOCK(mode)) return FileType::socket_stream;
  return FileType::unknown;
}

FileType type_of_dirent(unsigned char t) noexcept {
  switch (t) {
    case DT_REG: return FileType::regular_file;
    case DT_DIR: return FileType::directory;
    case DT_CHR: return FileType::character_device;
    case DT_BLK: return FileType::block_device;
    case DT_LNK: return FileType::symbolic_link;
    case DT_SOCK: return FileType::socket_stream;
    default: return FileType::unknown;
  }
}

}  // namespace

Errno errno_from_host(int e) noexcept {
  switch (e) {
    case 0: return Errno::success;
    case E2BIG: return Errno::toobig;
    case EACCES: return Errno::acces;
    case EAGAIN: return Errno::again;
    case EBADF: return Errno::badf;
    case EBUSY: return Errno::busy;
    case EEXIST: return Errno::exist;
    case EFAULT: return Errno::fault;
    case EFBIG: return Errno::fbig;
    case EINTR: return Errno::intr;
    case EINVAL: return Errno::inval;
    case EIO: return Errno::io;
    case EISDIR: return Errno::isdir;
    case ELOOP: return Errno::loop;
    case EMFILE: return Errno::mfile;
    case ENAMETOOLONG: return Errno::nametoolong;
    case ENFILE: return Errno::nfile;
    case ENODEV: return Errno::nodev;
    case ENOENT: return Errno::noent;
    case ENOMEM: return Errno::nomem;
    case ENOSPC: return Errno::nospc;
    case ENOSYS: return Errno::nosys;
    case ENOTDIR: return Errno::notdir;
    case ENOTEMPTY: return Errno::notempty;
    case EOPNOTSUPP: return Errno::notsup;
    case ENOTTY: return Errno::notty;
    case ENXIO: return Errno::nxio;
    case EOVERFLOW: return Errno::overflow;
    case EPERM: return Errno::perm;
    case EPIPE: return Errno::pipe;
    case EROFS: return Errno::rofs;
    case ESPIPE: return Errno::spipe;
    case EXDEV: return Errno::notcapable;  // RESOLVE_BENEATH: the path escapes
    default: return Errno::io;
  }
}

Errno PosixHost::clock_time(std::uint32_t id, std::uint64_t* ns) noexcept {
  clockid_t c;
  if (!host_clock(id, &c)) return Errno::inval;
  timespec ts{};
  if (clock_gettime(c, &ts) != 0) return errno_from_host(errno);
  *ns = to_ns(ts);
  return Errno::success;
}

Errno PosixHost::clock_res(std::uint32_t id, std::uint64_t* ns) noexcept {
  clockid_t c;
  if (!host_clock(id, &c)) return Errno::inval;
  timespec ts{};
  if (clock_getres(c, &ts) != 0) return errno_from_host(errno);
  *ns = to_ns(ts);
  return Errno::success;
}

Errno PosixHost::random(std::span<std::uint8_t> buf) noexcept {
  std::size_t done = 0;
  while (done < buf.size()) {
    const ssize_t n = getrandom(buf.data() + done, buf.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_from_host(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  return Errno::success;
}

Errno PosixHost::open_dir(const std::string& host_path, int* handle) noexcept {
  const int fd = ::open(host_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_from_host(errno);
  *handle = fd;
  return Errno::success;
}

Errno PosixHost::open_beneath(int dir, std::string_view path, const OpenRequest& req,
                              int* handle) noexcept {
  if (path.empty()) return Errno::noent;
  if (path.front() == '/') return Errno::notcapable;
  if (path.find('\0') != std::string_view::npos) return Errno::inval;
  std::uint64_t flags = O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  if (req.directory) flags |= O_DIRECTORY;
  if (req.write) flags |= req.read ? O_RDWR : O_WRONLY;
  if (req.create) flags |= O_CREAT;
  if (req.exclusive) flags |= O_EXCL;
  if (req.truncate) flags |= O_TRUNC;
  if (req.append) flags |= O_APPEND;
  if (!req.follow_final_symlink) flags |= O_NOFOLLOW;
  open_how how{};
  how.flags = flags;
  how.mode = req.create ? 0644 : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  const std::string p(path);
  long fd;
  do {
    fd = syscall(SYS_openat2, dir, p.c_str(), &how, sizeof how);
  } while (fd < 0 && errno == EAGAIN);
  if (fd < 0) return errno_from_host(errno);
  // Opened non-blocking so a FIFO in the tree cannot hang open(); reads are blocking.
  const int fl = fcntl(static_cast<int>(fd), F_GETFL);
  if (fl >= 0) fcntl(static_cast<int>(fd), F_SETFL, fl & ~O_NONBLOCK);
  *handle = static_cast<int>(fd);
  return Errno::success;
}

Errno PosixHost::read(int handle, std::span<std::uint8_t> buf, std::size_t* got) noexcept {
  ssize_t n;
  do n = ::read(handle, buf.data(), buf.size()); while (n < 0 && errno == EINTR);
  if (n < 0) return errno_from_host(errno);
  *got = static_cast<std::size_t>(n);
  return Errno::success;
}

Errno PosixHost::write(int handle, std::span<const std::uint8_t> buf, std::size_t* put) noexcept {
  ssize_t n;
  do n = ::write(handle, buf.data(), buf.size()); while (n < 0 && errno == EINTR);
  if (n < 0) return errno_from_host(errno);
  *put = static_cast<std::size_t>(n);
  return Errno::success;
}

Errno PosixHost::seek(int handle, std::int64_t offset, Whence whence, std::uint64_t* pos) noexcept {
  const int w = whence == Whence::set ? SEEK_SET : whence == Whence::cur ? SEEK_CUR : SEEK_END;
  const off_t r = ::lseek(handle, offset, w);
  if (r < 0) return errno_from_host(errno);
  *pos = static_cast<std::uint64_t>(r);
  return Errno::success;
}

Errno PosixHost::stat(int handle, FileStat* out) noexcept {
  struct stat st{};
  if (::fstat(handle, &st) != 0) return errno_from_host(errno);
  out->dev = st.st_dev;
  out->ino = st.st_ino;
  out->nlink = st.st_nlink;
  out->size = static_cast<std::uint64_t>(st.st_size);
  out->atim = to_ns(st.st_atim);
  out->mtim = to_ns(st.st_mtim);
  out->ctim = to_ns(st.st_ctim);
  out->type = type_of(st.st_mode);
  return Errno::success;
}

Errno PosixHost::list_dir(int handle, std::vector<DirEntry>* out) noexcept {
  // fdopendir takes ownership of its fd: give it a fresh one on the same directory.
  const int fd = ::openat(handle, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_from_host(errno);
  DIR* d = ::fdopendir(fd);
  if (d == nullptr) {
    const int e = errno;
    ::close(fd);
    return errno_from_host(e);
  }
  out->clear();
  errno = 0;
  while (const dirent* e = ::readdir(d)) {
    out->push_back(DirEntry{e->d_name, e->d_ino, type_of_dirent(e->d_type)});
  }
  const int err = errno;
  ::closedir(d);
  return errno_from_host(err);
}

void PosixHost::close(int handle) noexcept { ::close(handle); }

}  // namespace tc::wasi
