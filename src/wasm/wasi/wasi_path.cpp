// path_open: the only way to reach a file, always relative to a directory descriptor
// that descends from a preopen; resolution is confined by WasiHost::open_beneath.
#include <string>

#include "wasm/wasi/context.hpp"
#include "wasm/wasi/functions.hpp"
#include "wasm/wasi/guest_memory.hpp"

namespace tc::wasi {
namespace {

constexpr std::uint32_t kMaxPath = 4096;

HostStatus ret(Value* results, Errno e) {
  results[0] = Value::i32(static_cast<std::uint32_t>(e));
  return HostStatus::ok;
}

}  // namespace

// path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting,
//           fdflags, fd_out) -> errno
HostStatus path_open(HostContext& ctx, const Value* a, Value* r) {
  WasiContext& w = *static_cast<WasiContext*>(ctx.user);
  FdEntry* dir = w.fd(a[0].as_u32());
  if (dir == nullptr) return ret(r, Errno::badf);
  if (dir->kind != FdEntry::Kind::dir) return ret(r, Errno::notdir);
  if ((dir->rights_base & rights::path_open) == 0) return ret(r, Errno::notcapable);
  const std::uint32_t path_len = a[3].as_u32();
  if (path_len > kMaxPath) return ret(r, Errno::nametoolong);
  const GuestMemory mem(ctx);
  const std::uint8_t* p = mem.bytes(a[2].as_u32(), path_len);
  if (p == nullptr) return ret(r, Errno::fault);
  const std::string path(reinterpret_cast<const char*>(p), path_len);
  const std::uint32_t fd_out = a[8].as_u32();
  if (mem.bytes(fd_out, 4) == nullptr) return ret(r, Errno::fault);

  const auto oflags = static_cast<std::uint16_t>(a[4].as_u32());
  const auto fdflags = static_cast<std::uint16_t>(a[7].as_u32());
  const std::uint64_t base = a[5].as_u64() & dir->rights_inheriting;
  const std::uint64_t inheriting = a[6].as_u64() & dir->rights_inheriting;

  OpenRequest req;
  req.directory = (oflags & kOflagDirectory) != 0;
  req.create = (oflags & kOflagCreat) != 0;
  req.exclusive = (oflags & kOflagExcl) != 0;
  req.truncate = (oflags & kOflagTrunc) != 0;
  req.append = (fdflags & kFdflagAppend) != 0;
  req.follow_final_symlink = (a[1].as_u32() & kLookupSymlinkFollow) != 0;
  const bool wants_write = (a[5].as_u64() & rights::file_write) != 0 || req.append;
  if (dir->read_only && (wants_write || req.create || req.truncate)) return ret(r, Errno::notcapable);
  if (!req.directory) {
    req.read = (base & (rights::fd_read | rights::fd_readdir)) != 0;
    req.write = (base & rights::file_write) != 0 || req.append;
  }
  if (req.create && !req.write) req.write = true;  // creat implies the right to write

  int handle = -1;
  const Errno err = w.host().open_beneath(dir->handle, path, req, &handle);
  if (err != Errno::success) return ret(r, err);
  FileStat st;
  if (const Errno se = w.host().stat(handle, &st); se != Errno::success) {
    w.host().close(handle);
    return ret(r, se);
  }
  FdEntry entry;
  entry.kind = st.type == FileType::directory ? FdEntry::Kind::dir : FdEntry::Kind::file;
  entry.handle = handle;
  entry.type = st.type;
  entry.rights_base = base;
  entry.rights_inheriting = inheriting;
  entry.fdflags = req.append ? kFdflagAppend : 0;
  entry.read_only = dir->read_only;
  const auto fd = w.install(std::move(entry));
  if (!fd) {
    w.host().close(handle);
    return ret(r, Errno::nfile);
  }
  (void)mem.store<std::uint32_t>(fd_out, *fd);
  return ret(r, Errno::success);
}

}  // namespace tc::wasi
