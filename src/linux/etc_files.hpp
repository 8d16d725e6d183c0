// tinycontainer — the minimal generated /etc of the default root filesystem.
//
// Contract: pure. Produces passwd and group (root, the sandbox user when it is not root,
// nobody), hosts (localhost and the hostname on loopback), hostname and nsswitch.conf
// (files only). No host file is copied except ld.so.cache, which rootfs.cpp binds read-only
// (it only lists library paths). No shadow, no resolv.conf: the sandbox has no network.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tc::sandbox {

struct EtcParams {
  std::uint32_t uid = 1000;
  std::uint32_t gid = 1000;
  std::string user_name = "sandbox";
  std::string home = "/workspace";
  std::string hostname = "tinycontainer";
};

// (file name relative to /etc, content)
[[nodiscard]] std::vector<std::pair<std::string, std::string>> generate_etc(const EtcParams& p);

}  // namespace tc::sandbox
