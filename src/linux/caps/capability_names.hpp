// tinycontainer — capability names <-> numbers (libcap), and the --cap-add allow-list.
//
// Contract: parse_capability() accepts "CAP_NET_BIND_SERVICE", "cap_net_bind_service"
// or "net_bind_service" (case-insensitive, prefix optional) and returns the capability
// number known to libcap; anything else is a Phase::usage error quoting the input.
// parse_cap_add() additionally requires the capability to be in kCapAddAllowList and
// names the allowed ones when it is not. capability_name(n) is "CAP_NET_BIND_SERVICE".
//
// The allow-list (why each is safe to grant: every one is checked by the kernel against
// the sandbox's own user namespace, so it only acts on objects the sandbox owns):
//   CAP_CHOWN            chown files inside the sandbox's writable tree to mapped ids
//   CAP_DAC_OVERRIDE     bypass file permission checks on files owned by mapped ids
//   CAP_FOWNER           bypass owner checks (chmod/utime) on files of mapped ids
//   CAP_FSETID           keep setuid/setgid bits on modified files (no_new_privs still
//                        prevents elevation through them)
//   CAP_KILL             signal any process in the sandbox's pid namespace
//   CAP_SETUID/SETGID    switch between the ids mapped into the user namespace
//   CAP_SETPCAP          drop capabilities from the bounding set (only ever reduces)
//   CAP_NET_BIND_SERVICE bind ports < 1024 in the sandbox's own network namespace
//   CAP_SYS_CHROOT is NOT in the list: chroot is on the seccomp dangerous list anyway.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace tc::caps {

inline constexpr std::array<std::string_view, 9> kCapAddAllowList{
    "CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FOWNER",  "CAP_FSETID",          "CAP_KILL",
    "CAP_SETUID", "CAP_SETGID",       "CAP_SETPCAP", "CAP_NET_BIND_SERVICE"};

[[nodiscard]] Result<int> parse_capability(std::string_view text);
[[nodiscard]] Result<int> parse_cap_add(std::string_view text);
[[nodiscard]] std::string capability_name(int cap);

}  // namespace tc::caps
