// tinycontainer host — constructing a container host (the manager + its scheduler).
//
// Contract:
//  * make_host() validates the configuration, takes ownership of the services (routing by
//    Service::name(); two services with one name is an Error, Phase::config) and starts the
//    scheduler thread. The returned HostControl is the whole control surface
//    (control.hpp); the daemon (src/host/daemon) and tests drive the host through it.
//  * Destroying the host stops every running container (each `stop` export runs with its
//    budget), destroys all sessions and instances, joins the scheduler thread.
//  * `state_dir` holds what must survive a host restart (services keep their own files,
//    e.g. the kv store, under it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "host/control.hpp"
#include "host/service.hpp"
#include "metadata/document.hpp"
#include "metadata/key_store.hpp"

namespace tc::host {

struct HostConfig {
  metadata::KeyStore keys;                         // verification keys (COSE)
  metadata::LoadPolicy policy;                     // require_signature ...
  std::vector<std::unique_ptr<Service>> services;  // log, clock, kv, ..., mailbox, ml
  std::string tinycontainer_path;                  // our binary, for linux one-shot runs
  std::string state_dir;                           // "" = no persistence
  // Added by the host (docs/HOST.md): instructions per scheduler slice — the preemption
  // granularity of budgets and priorities (~10-40 µs of guest code at the default).
  std::uint64_t fuel_slice = 10'000;
};

[[nodiscard]] Result<std::unique_ptr<HostControl>> make_host(HostConfig config);

}  // namespace tc::host
