// tinycontainer — an endpoint grant: one channel a container may use to reach a host
// service, another container or a remote peer.
//
// Contract (checked by validate.hpp):
//   endpoint_id    0 .. 2^32-1, unique within one metadata document; the id the container
//                  passes to the host's open/read/write/close imports
//   peer_type      local (a host service), container (another container), remote (a
//                  peer reached over the network)
//   peer           local: service name ([a-z0-9._-], e.g. "kv", "sensor.temperature");
//                  container: the peer container's uid; remote: a URI ("coap://host/res");
//                  1..256 bytes
//   peer_endpoint  the endpoint id on the peer side (the peer container's endpoint_id, or a
//                  service-defined channel number; default 0)
//   direction      in (container reads / receives), out (container writes / sends), both
#pragma once

#include <cstdint>
#include <string>

namespace tc::metadata {

enum class PeerType : std::uint8_t { local = 0, container = 1, remote = 2 };

// Bit values: in = 1, out = 2, both = in|out. Used as a bit set by PermissionTable.
enum class Direction : std::uint8_t { in = 1, out = 2, both = 3 };

struct Endpoint {
  std::uint32_t endpoint_id = 0;
  PeerType peer_type = PeerType::local;
  std::string peer;
  std::uint32_t peer_endpoint = 0;
  Direction direction = Direction::both;
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

}  // namespace tc::metadata
