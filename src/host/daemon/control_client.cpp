#include "host/daemon/control_client.hpp"

#include "common/write_all.hpp"
#include "host/daemon/protocol.hpp"
#include "host/daemon/unix_socket.hpp"

namespace tc::hostd {

Result<nlohmann::json> request(const std::string& path, const nlohmann::json& req,
                               std::chrono::milliseconds timeout, std::size_t max_response) {
  auto fd = connect_unix(path);
  if (!fd) return std::unexpected(fd.error());
  if (auto w = send_all(fd->get(), dump_line(req) + "\n"); !w)
    return std::unexpected(Error{Phase::io, "send to " + path + ": " + w.error().describe(), 0});
  std::string buffer;
  auto line = read_line(fd->get(), buffer, max_response, timeout, -1);
  if (!line)
    return make_error(Phase::io, "no response from the daemon at " + path + ": " +
                                     line.error().message);
  auto j = nlohmann::json::parse(*line, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return make_error(Phase::internal, "the daemon's response is not a JSON object");
  return j;
}

}  // namespace tc::hostd
