#include "services/kv_service.hpp"

#include <map>
#include <mutex>

#include "metadata/text_rules.hpp"
#include "services/file_io.hpp"
#include "services/kv_request.hpp"

namespace tc::services {

namespace abi = host::abi;

struct KvService::State {
  KvConfig config;
  mutable std::mutex mu;  // guards `spaces` and the namespaces' contents
  std::map<std::string, std::shared_ptr<KvNamespace>, std::less<>> spaces;
  bool dir_ready = false;
};

namespace {

class KvSession final : public host::Session {
 public:
  KvSession(std::shared_ptr<KvService::State> s, std::shared_ptr<KvNamespace> ns,
            std::uint64_t quota)
      : state_(std::move(s)), ns_(std::move(ns)), quota_(quota) {}

  std::int32_t call(std::span<std::uint8_t>, std::span<const std::uint8_t> request,
                    std::span<std::uint8_t> response) override {
    const auto parsed = parse_kv_request(request);
    if (const auto* code = std::get_if<std::int32_t>(&parsed)) return *code;
    const auto& r = std::get<KvRequest>(parsed);
    const std::lock_guard lock(state_->mu);
    switch (r.op) {
      case KvOp::get: return ns_->get(r.key, response);
      case KvOp::put: return ns_->put(r.key, r.value, quota_);
      case KvOp::erase: return ns_->erase(r.key);
      case KvOp::list: return ns_->list(r.key, r.value, response);
    }
    return abi::kInvalid;
  }

 private:
  std::shared_ptr<KvService::State> state_;
  std::shared_ptr<KvNamespace> ns_;
  std::uint64_t quota_;
};

}  // namespace

KvService::KvService(KvConfig config) : state_(std::make_shared<State>()) {
  state_->config = std::move(config);
}

KvService::~KvService() = default;

host::OpenResult KvService::open(const host::OpenRequest& request) {
  if (!metadata::is_uid(request.container_uid)) return {nullptr, abi::kInvalid};
  const std::uint64_t quota =
      request.limits ? request.limits->storage_quota : metadata::Limits{}.storage_quota;
  const std::lock_guard lock(state_->mu);
  auto it = state_->spaces.find(request.container_uid);
  if (it == state_->spaces.end()) {
    const auto& cfg = state_->config;
    std::string path;
    if (!cfg.state_dir.empty()) {
      const std::string dir = cfg.state_dir + "/kv";
      if (!state_->dir_ready) {
        if (auto d = make_dirs(dir); !d) {
          if (cfg.diagnostic) cfg.diagnostic("kv: " + d.error().describe());
          return {nullptr, abi::kIo};
        }
        state_->dir_ready = true;
      }
      path = dir + "/" + std::string(request.container_uid) + ".kvlog";
    }
    auto ns = KvNamespace::load(std::move(path), cfg.sync, cfg.diagnostic);
    if (!ns) {
      if (cfg.diagnostic) cfg.diagnostic("kv: " + ns.error().describe());
      return {nullptr, abi::kIo};
    }
    it = state_->spaces.emplace(std::string(request.container_uid), std::move(*ns)).first;
  }
  return {std::make_unique<KvSession>(state_, it->second, quota), abi::kOk};
}

void KvService::on_container_removed(std::string_view container_uid) {
  const std::lock_guard lock(state_->mu);
  if (auto it = state_->spaces.find(container_uid); it != state_->spaces.end())
    state_->spaces.erase(it);
}

std::optional<KvUsage> KvService::usage(std::string_view container_uid) const {
  const std::lock_guard lock(state_->mu);
  const auto it = state_->spaces.find(container_uid);
  if (it == state_->spaces.end()) return std::nullopt;
  return KvUsage{it->second->used(), it->second->size()};
}

}  // namespace tc::services
