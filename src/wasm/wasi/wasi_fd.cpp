// Descriptor functions: fd_read, fd_write, fd_seek, fd_tell, fd_close, fd_fdstat_get,
// fd_filestat_get, fd_prestat_get, fd_prestat_dir_name, fd_readdir.
#include <algorithm>
#include <array>
#include <vector>

#include "wasm/wasi/context.hpp"
#include "wasm/wasi/functions.hpp"
#include "wasm/wasi/guest_memory.hpp"

namespace tc::wasi {
namespace {

using K = FdEntry::Kind;

HostStatus ret(Value* results, Errno e) {
  results[0] = Value::i32(static_cast<std::uint32_t>(e));
  return HostStatus::ok;
}

WasiContext& wasi(HostContext& ctx) { return *static_cast<WasiContext*>(ctx.user); }

struct Iovec {
  std::uint32_t buf = 0;
  std::uint32_t len = 0;
};

// Reads iovec `i` of the array at `iovs` (whose bounds the caller checked).
Iovec iovec_at(const GuestMemory& mem, std::uint32_t iovs, std::uint32_t i) {
  Iovec v;
  (void)mem.load<std::uint32_t>(iovs + std::uint64_t{kIovecSize} * i, &v.buf);
  (void)mem.load<std::uint32_t>(iovs + std::uint64_t{kIovecSize} * i + 4, &v.len);
  return v;
}

// Reads into one guest buffer from the entry's stream or file.
Errno read_one(WasiContext& w, FdEntry& e, std::span<std::uint8_t> buf, std::size_t* got) {
  if (e.kind == K::stdin_stream) {
    InputSource* src = w.config().stdin_source;
    const long n = src ? src->read(buf) : 0;
    if (n < 0) return Errno::io;
    *got = static_cast<std::size_t>(n);
    return Errno::success;
  }
  if (e.kind == K::file) return w.host().read(e.handle, buf, got);
  return e.kind == K::dir ? Errno::isdir : Errno::badf;
}

FileStat stream_stat() {
  FileStat st;
  st.type = FileType::character_device;
  return st;
}

}  // namespace

HostStatus fd_read(HostContext& ctx, const Value* a, Value* r) {
  WasiContext& w = wasi(ctx);
  FdEntry* e = w.fd(a[0].as_u32());
  if (e == nullptr || (e->rights_base & rights::fd_read) == 0) return ret(r, Errno::badf);
  const GuestMemory mem(ctx);
  const std::uint32_t iovs = a[1].as_u32(), count = a[2].as_u32();
  if (mem.bytes(iovs, std::uint64_t{count} * kIovecSize) == nullptr) return ret(r, Errno::fault);
  std::uint64_t total = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const Iovec v = iovec_at(mem, iovs, i);
    const std::span<std::uint8_t> buf = mem.span(v.buf, v.len);
    if (buf.data() == nullptr && v.len != 0) return ret(r, Errno::fault);
    std::size_t got = 0;
    const Errno err = read_one(w, *e, buf, &got);
    if (err != Errno::success) return ret(r, err);
    total += got;
    if (got < v.len) break;
  }
  return ret(r, mem.store<std::uint32_t>(a[3].as_u32(), static_cast<std::uint32_t>(total)) ? Errno::success
                                                                                           : Errno::fault);
}

HostStatus fd_write(HostContext& ctx, const Value* a, Value* r) {
  WasiContext& w = wasi(ctx);
  FdEntry* e = w.fd(a[0].as_u32());
  if (e == nullptr || (e->rights_base & rights::fd_write) == 0) return ret(r, Errno::badf);
  const GuestMemory mem(ctx);
  const std::uint32_t iovs = a[1].as_u32(), count = a[2].as_u32();
  if (mem.bytes(iovs, std::uint64_t{count} * kIovecSize) == nullptr) return ret(r, Errno::fault);
  std::uint64_t total = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const Iovec v = iovec_at(mem, iovs, i);
    const std::span<std::uint8_t> buf = mem.span(v.buf, v.len);
    if (buf.data() == nullptr && v.len != 0) return ret(r, Errno::fault);
    if (e->kind == K::file) {
      std::size_t put = 0;
      const Errno err = w.host().write(e->handle, buf, &put);
      if (err != Errno::success) return ret(r, err);
      total += put;
      if (put < v.len) break;
      continue;
    }
    OutputSink* sink = e->kind == K::stdout_stream ? w.config().stdout_sink : w.config().stderr_sink;
    if (sink != nullptr && !sink->write(buf)) {
      w.output_limit_hit = true;
      return ctx.trap("output limit exceeded");
    }
    total += v.len;
  }
  return ret(r, mem.store<std::uint32_t>(a[3].as_u32(), static_cast<std::uint32_t>(total)) ? Errno::success
                                                                                           : Errno::fault);
}

HostStatus fd_seek(HostContext& ctx, const Value* a, Value* r) {
  WasiContext& w = wasi(ctx);
  FdEntry* e = w.fd(a[0].as_u32());
  if (e == nullptr) return ret(r, Errno::badf);
  if (e->kind != K::file) return ret(r, e->kind == K::dir ? Errno::badf : Errno::spipe);
  const std::uint32_t whence = a[2].as_u32();
  if (whence > 2) return ret(r, Errno::inval);
  std::uint64_t pos = 0;
  const Errno err = w.host().seek(e->handle, a[1].as_i64(), static_cast<Whence>(whence), &pos);
  if (err != Errno::success) return ret(r, err);
  return ret(r, GuestMemory(ctx).store<std::uint64_t>(a[3].as_u32(), pos) ? Errno::success : Errno::fault);
}

HostStatus fd_tell(HostContext& ctx, const Value* a, Value* r) {
  const Value args[4] = {a[0], Value::i64(0), Value::i32(static_cast<std::uint32_t>(Whence::cur)), a[1]};
  return fd_seek(ctx, args, r);
}

HostStatus fd_close(HostContext& ctx, const Value* a, Value* r) {
  return ret(r, wasi(ctx).close(a[0].as_u32()) ? Errno::success : Errno::badf);
}

HostStatus fd_fdstat_get(HostContext& ctx, const Value* a, Value* r) {
  FdEntry* e = wasi(ctx).fd(a[0].as_u32());
  if (e == nullptr) return ret(r, Errno::badf);
  const GuestMemory mem(ctx);
  const std::uint32_t p = a[1].as_u32();
  if (mem.bytes(p, kFdstatSize) == nullptr) return ret(r, Errno::fault);
  std::array<std::uint8_t, kFdstatSize> zero{};
  (void)mem.copy_in(p, std::string_view(reinterpret_cast<const char*>(zero.data()), zero.size()));
  (void)mem.store<std::uint8_t>(p, static_cast<std::uint8_t>(e->type));
  (void)mem.store<std::uint16_t>(p + 2, e->fdflags);
  (void)mem.store<std::uint64_t>(p + 8, e->rights_base);
  (void)mem.store<std::uint64_t>(p + 16, e->rights_inheriting);
  return ret(r, Errno::success);
}

HostStatus fd_filestat_get(HostContext& ctx, const Value* a, Value* r) {
  WasiContext& w = wasi(ctx);
  FdEntry* e = w.fd(a[0].as_u32());
  if (e == nullptr) return ret(r, Errno::badf);
  FileStat st = stream_stat();
  if (e->kind == K::file || e->kind == K::dir) {
    const Errno err = w.host().stat(e->handle, &st);
    if (err != Errno::success) return ret(r, err);
  }
  const GuestMemory mem(ctx);
  const std::uint32_t p = a[1].as_u32();
  if (mem.bytes(p, kFilestatSize) == nullptr) return ret(r, Errno::fault);
  const std::uint64_t fields[8] = {st.dev, st.ino, static_cast<std::uint64_t>(st.type), st.nlink,
                                   st.size, st.atim, st.mtim, st.ctim};
  for (std::uint32_t i = 0; i < 8; ++i) (void)mem.store<std::uint64_t>(p + 8 * i, fields[i]);
  return ret(r, Errno::success);
}

HostStatus fd_prestat_get(HostContext& ctx, const Value* a, Value* r) {
  FdEntry* e = wasi(ctx).fd(a[0].as_u32());
  if (e == nullptr || e->preopen_name.empty()) return ret(r, Errno::badf);
  const GuestMemory mem(ctx);
  const std::uint32_t p = a[1].as_u32();
  if (mem.bytes(p, kPrestatSize) == nullptr) return ret(r, Errno::fault);
  (void)mem.store<std::uint32_t>(p, 0);  // tag 0 = dir, padding zeroed
  (void)mem.store<std::uint32_t>(p + 4, static_cast<std::uint32_t>(e->preopen_name.size()));
  return ret(r, Errno::success);
}

HostStatus fd_prestat_dir_name(HostContext& ctx, const Value* a, Value* r) {
  FdEntry* e = wasi(ctx).fd(a[0].as_u32());
  if (e == nullptr || e->preopen_name.empty()) return ret(r, Errno::badf);
  if (a[2].as_u32() < e->preopen_name.size()) return ret(r, Errno::nametoolong);
  return ret(r, GuestMemory(ctx).copy_in(a[1].as_u32(), e->preopen_name) ? Errno::success : Errno::fault);
}

HostStatus fd_readdir(HostContext& ctx, const Value* a, Value* r) {
  WasiContext& w = wasi(ctx);
  FdEntry* e = w.fd(a[0].as_u32());
  if (e == nullptr || e->kind != K::dir) return ret(r, Errno::badf);
  if ((e->rights_base & rights::fd_readdir) == 0) return ret(r, Errno::notcapable);
  const GuestMemory mem(ctx);
  const std::uint32_t buf = a[1].as_u32(), len = a[2].as_u32();
  const std::uint64_t cookie = a[3].as_u64();
  std::uint8_t* out = mem.bytes(buf, len);
  if (out == nullptr) return ret(r, Errno::fault);
  std::vector<DirEntry> entries;
  const Errno err = w.host().list_dir(e->handle, &entries);
  if (err != Errno::success) return ret(r, err);
  std::uint32_t used = 0;
  for (std::uint64_t i = cookie; i < entries.size() && used < len; ++i) {
    const DirEntry& d = entries[i];
    std::array<std::uint8_t, kDirentSize> head{};
    const std::uint64_t next = i + 1;
    const auto namelen = static_cast<std::uint32_t>(d.name.size());
    std::memcpy(head.data(), &next, 8);
    std::memcpy(head.data() + 8, &d.ino, 8);
    std::memcpy(head.data() + 16, &namelen, 4);
    head[20] = static_cast<std::uint8_t>(d.type);
    // Entries that do not fit are truncated: bufused == buf_len tells the guest to retry
    // with a larger buffer (the preview1 convention).
    const std::uint32_t h = std::min<std::uint32_t>(kDirentSize, len - used);
    std::memcpy(out + used, head.data(), h);
    used += h;
    const std::uint32_t n = std::min<std::uint32_t>(namelen, len - used);
    if (n > 0) std::memcpy(out + used, d.name.data(), n);
    used += n;
  }
  return ret(r, mem.store<std::uint32_t>(a[4].as_u32(), used) ? Errno::success : Errno::fault);
}

}  // namespace tc::wasi
