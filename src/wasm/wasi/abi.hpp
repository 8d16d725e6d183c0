// tinycontainer WASI — the wasi_snapshot_preview1 ABI: errno values, file types,
// rights, flags and the byte layout of the structures the guest reads.
//
// Contract: values and offsets are those of the witx definition of
// wasi_snapshot_preview1 (typenames.witx); all multi-byte fields are little-endian in
// guest linear memory.
#pragma once

#include <cstdint>

namespace tc::wasi {

inline constexpr const char* kModuleName = "wasi_snapshot_preview1";

enum class Errno : std::uint16_t {
  success = 0, toobig = 1, acces = 2, again = 6, badf = 8, busy = 10, exist = 20,
  fault = 21, fbig = 22, ilseq = 25, intr = 27, inval = 28, io = 29, isdir = 31,
  loop = 32, mfile = 33, nametoolong = 37, nfile = 41, nodev = 43, noent = 44,
  nomem = 48, nospc = 51, nosys = 52, notdir = 54, notempty = 55, notsup = 58,
  notty = 59, nxio = 60, overflow = 61, perm = 63, pipe = 64, rofs = 69, spipe = 70,
  xdev = 75, notcapable = 76,
};

enum class FileType : std::uint8_t {
  unknown = 0, block_device = 1, character_device = 2, directory = 3,
  regular_file = 4, socket_dgram = 5, socket_stream = 6, symbolic_link = 7,
};

enum class Whence : std::uint8_t { set = 0, cur = 1, end = 2 };

enum ClockId : std::uint32_t { realtime = 0, monotonic = 1, process_cputime = 2, thread_cputime = 3 };

// rights (bit numbers of typenames.witx `rights`)
namespace rights {
inline constexpr std::uint64_t fd_datasync = 1ull << 0, fd_read = 1ull << 1, fd_seek = 1ull << 2,
    fd_fdstat_set_flags = 1ull << 3, fd_sync = 1ull << 4, fd_tell = 1ull << 5,
    fd_write = 1ull << 6, fd_advise = 1ull << 7, fd_allocate = 1ull << 8,
    path_create_directory = 1ull << 9, path_create_file = 1ull << 10,
    path_link_source = 1ull << 11, path_link_target = 1ull << 12, path_open = 1ull << 13,
    fd_readdir = 1ull << 14, path_readlink = 1ull << 15, path_rename_source = 1ull << 16,
    path_rename_target = 1ull << 17, path_filestat_get = 1ull << 18,
    path_filestat_set_size = 1ull << 19, path_filestat_set_times = 1ull << 20,
    fd_filestat_get = 1ull << 21, fd_filestat_set_size = 1ull << 22,
    fd_filestat_set_times = 1ull << 23, path_symlink = 1ull << 24,
    path_remove_directory = 1ull << 25, path_unlink_file = 1ull << 26,
    poll_fd_readwrite = 1ull << 27;
// What a regular file opened read-write may do (fd_* rights only).
inline constexpr std::uint64_t file_all = fd_datasync | fd_read | fd_seek | fd_fdstat_set_flags |
    fd_sync | fd_tell | fd_write | fd_advise | fd_allocate | fd_filestat_get |
    fd_filestat_set_size | fd_filestat_set_times | poll_fd_readwrite;
inline constexpr std::uint64_t file_write = fd_write | fd_allocate | fd_filestat_set_size |
    fd_datasync | fd_sync;
// What a directory may do (path_* rights included).
inline constexpr std::uint64_t dir_all = path_create_directory | path_create_file |
    path_link_source | path_link_target | path_open | fd_readdir | path_readlink |
    path_rename_source | path_rename_target | path_filestat_get | path_filestat_set_size |
    path_filestat_set_times | fd_filestat_get | fd_filestat_set_times | path_symlink |
    path_remove_directory | path_unlink_file;
}  // namespace rights

// oflags
inline constexpr std::uint16_t kOflagCreat = 1, kOflagDirectory = 2, kOflagExcl = 4, kOflagTrunc = 8;
// fdflags
inline constexpr std::uint16_t kFdflagAppend = 1, kFdflagDsync = 2, kFdflagNonblock = 4,
                               kFdflagRsync = 8, kFdflagSync = 16;
// lookupflags
inline constexpr std::uint32_t kLookupSymlinkFollow = 1;

// struct layouts (size, offsets)
inline constexpr std::uint32_t kIovecSize = 8;        // buf u32 @0, len u32 @4
inline constexpr std::uint32_t kFdstatSize = 24;      // filetype u8 @0, flags u16 @2,
                                                      // rights_base u64 @8, inheriting u64 @16
inline constexpr std::uint32_t kPrestatSize = 8;      // tag u8 @0 (0 = dir), name_len u32 @4
inline constexpr std::uint32_t kFilestatSize = 64;    // dev @0, ino @8, filetype u8 @16,
                                                      // nlink @24, size @32, atim @40,
                                                      // mtim @48, ctim @56 (all u64)
inline constexpr std::uint32_t kDirentSize = 24;      // d_next u64 @0, d_ino u64 @8,
                                                      // d_namlen u32 @16, d_type u8 @20

}  // namespace tc::wasi
