// tinycontainer host — routing an endpoint grant to the service that serves it
// (service.hpp): local → the service whose name() is the grant's peer; container → the
// "mailbox" service; remote → none (abi::kUnavailable, not implemented by the host).
//
// Contract: add() refuses two services with one name (Phase::config). The router owns the
// services; route() is noexcept and never allocates (heterogeneous lookup).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "host/service.hpp"

namespace tc::host {

class ServiceRouter {
 public:
  Result<void> add(std::unique_ptr<Service> service);
  [[nodiscard]] Service* route(const metadata::GrantView& grant) const noexcept;
  [[nodiscard]] Service* find(std::string_view name) const noexcept;
  // Calls on_container_removed(uid) on every service.
  void container_removed(std::string_view uid) const;

 private:
  std::map<std::string, std::unique_ptr<Service>, std::less<>> services_;
};

}  // namespace tc::host
