#include "wasm/wasi/context.hpp"

namespace tc::wasi {

Result<std::unique_ptr<WasiContext>> WasiContext::create(WasiConfig config) {
  if (config.host == nullptr) return make_error(Phase::setup, "wasi: no host interface");
  std::unique_ptr<WasiContext> ctx(new WasiContext(std::move(config)));
  using K = FdEntry::Kind;
  ctx->fds_.push_back(FdEntry{K::stdin_stream, -1, FileType::character_device,
                              rights::fd_read | rights::poll_fd_readwrite, 0, 0, false, {}});
  ctx->fds_.push_back(FdEntry{K::stdout_stream, -1, FileType::character_device,
                              rights::fd_write | rights::poll_fd_readwrite, 0, 0, false, {}});
  ctx->fds_.push_back(FdEntry{K::stderr_stream, -1, FileType::character_device,
                              rights::fd_write | rights::poll_fd_readwrite, 0, 0, false, {}});
  for (const Preopen& p : ctx->config_.preopens) {
    if (p.guest_path.empty()) return make_error(Phase::setup, "wasi: empty guest path for preopen " + p.host_path);
    int handle = -1;
    const Errno e = ctx->host().open_dir(p.host_path, &handle);
    if (e != Errno::success) {
      return make_error(Phase::setup, "wasi: cannot preopen directory " + p.host_path +
                                          " (wasi errno " + std::to_string(static_cast<int>(e)) + ")");
    }
    const std::uint64_t inheriting = p.read_only ? (rights::file_all & ~rights::file_write) | rights::dir_all
                                                 : rights::file_all | rights::dir_all;
    ctx->fds_.push_back(FdEntry{K::dir, handle, FileType::directory, rights::dir_all, inheriting, 0,
                                p.read_only, p.guest_path});
  }
  return ctx;
}

WasiContext::~WasiContext() {
  for (std::uint32_t i = 0; i < fds_.size(); ++i) close(i);
}

FdEntry* WasiContext::fd(std::uint32_t guest_fd) noexcept {
  if (guest_fd >= fds_.size() || fds_[guest_fd].kind == FdEntry::Kind::closed) return nullptr;
  return &fds_[guest_fd];
}

std::optional<std::uint32_t> WasiContext::install(FdEntry entry) {
  for (std::uint32_t i = 0; i < fds_.size(); ++i) {
    if (fds_[i].kind == FdEntry::Kind::closed) {
      fds_[i] = std::move(entry);
      return i;
    }
  }
  if (fds_.size() >= kMaxFds) return std::nullopt;
  fds_.push_back(std::move(entry));
  return static_cast<std::uint32_t>(fds_.size() - 1);
}

bool WasiContext::close(std::uint32_t guest_fd) noexcept {
  FdEntry* e = fd(guest_fd);
  if (e == nullptr) return false;
  if (e->handle >= 0) host().close(e->handle);
  *e = FdEntry{};
  return true;
}

}  // namespace tc::wasi
