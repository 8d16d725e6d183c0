// tinycontainer — the resources a container may use.
//
// Contract (checked by validate.hpp):
//   memory_pages           1 .. 65536     max linear memory in 64 KiB wasm pages (default 16 = 1
//   MiB) call_depth             1 .. 65536     max nested wasm calls (default 512) storage_quota 0
//   .. 1 GiB     bytes of kv storage (default 64 KiB; 0 = no storage) mailbox_capacity       0 ..
//   1024      messages queued per inbound endpoint (default 8) mailbox_message_size   1 .. 65536
//   max bytes of one message (default 256)
#pragma once

#include <cstdint>

namespace tc::metadata {

inline constexpr std::uint32_t kMaxMemoryPages = 65536;
inline constexpr std::uint32_t kMaxCallDepth = 65536;
inline constexpr std::uint64_t kMaxStorageQuota = 1ULL << 30;
inline constexpr std::uint32_t kMaxMailboxCapacity = 1024;
inline constexpr std::uint32_t kMaxMailboxMessageSize = 65536;

struct Limits {
  std::uint32_t memory_pages = 16;
  std::uint32_t call_depth = 512;
  std::uint64_t storage_quota = 64 * 1024;
  std::uint32_t mailbox_capacity = 8;
  std::uint32_t mailbox_message_size = 256;
  friend bool operator==(const Limits&, const Limits&) = default;
};

}  // namespace tc::metadata
