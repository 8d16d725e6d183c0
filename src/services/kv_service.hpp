// tinycontainer services — `kv`: a key-value store, one namespace per container uid.
//
// Contract (wire.h "kv"):
//  * call(request, response) only (read/write → abi::kUnsupported). The request is parsed
//    by kv_request.hpp (malformed → abi::kInvalid), then served by the container's
//    KvNamespace (kv_namespace.hpp): get/put/delete/list, quota = the container's
//    limits.storage_quota as of open() (0 = every put that adds bytes → abi::kFull).
//  * Persistence: with a state_dir, namespace `uid` lives in "<state_dir>/kv/<uid>.kvlog"
//    and survives the host (and this service) being destroyed and re-created. state_dir ""
//    keeps everything in memory. open() loads the namespace on first use (I/O failure →
//    abi::kIo, reported to `diagnostic`); corrupt files are recovered (kv_namespace.hpp).
//  * ACL: the dispatcher checks the grant; kv itself accepts every op on any session.
//    Grant `both` for get/list (a response with data).
//  * on_container_removed(uid) unloads the namespace from memory; its file is kept.
//  * usage(uid) (thread-safe) reports a loaded namespace's bytes and entry count.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "host/service.hpp"
#include "services/kv_namespace.hpp"

namespace tc::services {

struct KvConfig {
  std::string state_dir;      // "" = memory only
  bool sync = false;          // fdatasync after every put/delete (power-loss durability)
  DiagnosticSink diagnostic;  // recovery and I/O messages; null = silent
};

struct KvUsage {
  std::uint64_t bytes = 0;
  std::size_t entries = 0;
};

class KvService final : public host::Service {
 public:
  explicit KvService(KvConfig config);
  ~KvService() override;
  [[nodiscard]] std::string_view name() const noexcept override { return "kv"; }
  host::OpenResult open(const host::OpenRequest& request) override;
  void on_container_removed(std::string_view container_uid) override;
  [[nodiscard]] std::optional<KvUsage> usage(std::string_view container_uid) const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace tc::services
