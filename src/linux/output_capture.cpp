#include "linux/output_capture.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace tc::sandbox {

namespace {
void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // our own stdout is gone: keep counting, stop forwarding
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}
}  // namespace

void OutputCapture::append(std::string_view chunk) {
  stream_.total_bytes += chunk.size();
  std::uint64_t room = limit_ - kept_;
  std::size_t keep = static_cast<std::size_t>(std::min<std::uint64_t>(room, chunk.size()));
  if (keep < chunk.size()) stream_.truncated = true;
  if (keep == 0) return;
  if (forward_fd_ >= 0)
    write_all(forward_fd_, chunk.substr(0, keep));
  else
    stream_.data.append(chunk.substr(0, keep));
  kept_ += keep;
}

}  // namespace tc::sandbox
