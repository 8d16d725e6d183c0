// Helpers for the host-service tests: open a session the way the dispatcher would.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "host/service.hpp"
#include "metadata/limits.hpp"

namespace tc::services::testing {

struct Opened {
  std::unique_ptr<host::Session> session;
  std::int32_t code = 0;
};

inline Opened open_local(host::Service& s, std::string_view uid,
                         const metadata::Limits& limits = {}, std::uint32_t peer_endpoint = 0,
                         metadata::Direction dir = metadata::Direction::both) {
  host::OpenRequest r;
  r.container_uid = uid;
  r.grant.endpoint_id = 1;
  r.grant.peer_type = metadata::PeerType::local;
  r.grant.peer = s.name();
  r.grant.peer_endpoint = peer_endpoint;
  r.grant.direction = dir;
  r.limits = &limits;
  auto res = s.open(r);
  return {std::move(res.session), res.code};
}

inline std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

inline std::string string_of(std::span<const std::uint8_t> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace tc::services::testing
