#include "host/service_router.hpp"

namespace tc::host {

Result<void> ServiceRouter::add(std::unique_ptr<Service> service) {
  if (!service) return make_error(Phase::config, "null service");
  std::string name(service->name());
  if (name.empty()) return make_error(Phase::config, "a service has an empty name");
  if (services_.contains(name)) return make_error(Phase::config, "two services are named '" + name + "'");
  services_.emplace(std::move(name), std::move(service));
  return {};
}

Service* ServiceRouter::find(std::string_view name) const noexcept {
  auto it = services_.find(name);
  return it == services_.end() ? nullptr : it->second.get();
}

Service* ServiceRouter::route(const metadata::GrantView& grant) const noexcept {
  switch (grant.peer_type) {
    case metadata::PeerType::local: return find(grant.peer);
    case metadata::PeerType::container: return find(kMailboxService);
    case metadata::PeerType::remote: return nullptr;
  }
  return nullptr;
}

void ServiceRouter::container_removed(std::string_view uid) const {
  for (const auto& [name, svc] : services_) svc->on_container_removed(uid);
}

}  // namespace tc::host
