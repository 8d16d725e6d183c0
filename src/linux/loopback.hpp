// tinycontainer — networking inside the sandbox's fresh network namespace.
//
// Contract: bring_loopback_up() sets IFF_UP on "lo" with one SIOCSIFFLAGS ioctl (netdevice(7)).
// The namespace has no other interface, so the workload can talk to itself only.
#pragma once

#include "common/error.hpp"

namespace tc::sandbox {

[[nodiscard]] Result<void> bring_loopback_up();

}  // namespace tc::sandbox
