// A HostControl test double for the control-plane tests: an in-memory container table with
// the lifecycle state machine of host/control.hpp, and a record of every call, so tests can
// assert that a refused request never reached (or never changed) the host.
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "host/control.hpp"

namespace tc::test {

class FakeHost final : public host::HostControl {
 public:
  using State = host::State;

  Result<std::string> load(const host::LoadRequest& r) override {
    std::lock_guard l(mu_);
    calls_.push_back("load");
    auto uid = uid_of(r);
    if (!uid) return uid;
    if (table_.count(*uid)) return make_error(Phase::usage, "container '" + *uid + "' already exists");
    host::ContainerStatus s;
    s.uid = *uid;
    s.name = "fake " + *uid;
    s.runtime = "wasm";
    s.revision = 1;
    table_[*uid] = Entry{s, r};
    return *uid;
  }
  Result<void> start(std::string_view uid) override {
    return move(uid, "start", {State::loaded, State::stopped, State::finished, State::failed},
                fail_start_ ? State::failed : State::running);
  }
  Result<void> stop(std::string_view uid) override {
    return move(uid, "stop", {State::running, State::suspended}, State::stopped);
  }
  Result<void> suspend(std::string_view uid) override {
    return move(uid, "suspend", {State::running}, State::suspended);
  }
  Result<void> resume(std::string_view uid) override {
    return move(uid, "resume", {State::suspended}, State::running);
  }
  Result<void> remove(std::string_view uid) override {
    std::lock_guard l(mu_);
    calls_.push_back("remove");
    if (!table_.erase(std::string(uid))) return unknown(uid);
    return {};
  }
  Result<void> update(std::string_view uid, const host::LoadRequest& r, bool restart) override {
    std::lock_guard l(mu_);
    calls_.push_back("update");
    auto it = table_.find(std::string(uid));
    if (it == table_.end()) return unknown(uid);
    auto new_uid = uid_of(r);
    if (!new_uid) return std::unexpected(new_uid.error());
    if (*new_uid != uid) return make_error(Phase::config, "metadata uid differs");
    it->second.request = r;
    it->second.status.revision++;
    it->second.status.state = restart ? State::running : State::loaded;
    return {};
  }
  Result<void> reconfigure(std::span<const std::uint8_t> doc) override {
    std::lock_guard l(mu_);
    calls_.push_back("reconfigure");
    auto j = nlohmann::json::parse(doc.begin(), doc.end(), nullptr, false);
    if (j.is_discarded() || !j.contains("uid")) return make_error(Phase::config, "bad reconfiguration");
    auto it = table_.find(j["uid"].get<std::string>());
    if (it == table_.end()) return unknown(j["uid"].get<std::string>());
    if (j.contains("priority")) it->second.status.priority = j["priority"].get<std::uint8_t>();
    return {};
  }
  Result<host::ContainerStatus> status(std::string_view uid) override {
    std::lock_guard l(mu_);
    auto it = table_.find(std::string(uid));
    if (it == table_.end()) return unknown(uid);
    return it->second.status;
  }
  std::vector<host::ContainerStatus> list() override {
    std::lock_guard l(mu_);
    std::vector<host::ContainerStatus> out;
    for (auto& [k, e] : table_) out.push_back(e.status);
    return out;
  }
  Result<host::ContainerStatus> wait(std::string_view uid, std::chrono::milliseconds t) override {
    std::unique_lock l(mu_);
    auto done = [&] {
      auto it = table_.find(std::string(uid));
      return it == table_.end() || it->second.status.state == State::finished ||
             it->second.status.state == State::stopped || it->second.status.state == State::failed;
    };
    bool ended = cv_.wait_for(l, t, done);
    auto it = table_.find(std::string(uid));
    if (it == table_.end()) return unknown(uid);
    auto s = it->second.status;
    s.timed_out = !ended;
    return s;
  }

  // Test controls.
  void finish(const std::string& uid, State s) {
    {
      std::lock_guard l(mu_);
      table_.at(uid).status.state = s;
    }
    cv_.notify_all();
  }
  void set_fail_start(bool f) { fail_start_ = f; }
  std::vector<std::string> calls() {
    std::lock_guard l(mu_);
    return calls_;
  }
  std::size_t size() {
    std::lock_guard l(mu_);
    return table_.size();
  }
  host::LoadRequest request_of(const std::string& uid) {
    std::lock_guard l(mu_);
    return table_.at(uid).request;
  }

 private:
  struct Entry {
    host::ContainerStatus status;
    host::LoadRequest request;
  };
  static std::unexpected<Error> unknown(std::string_view uid) {
    return make_error(Phase::usage, "no container '" + std::string(uid) + "'");
  }
  static Result<std::string> uid_of(const host::LoadRequest& r) {
    auto j = nlohmann::json::parse(r.metadata.begin(), r.metadata.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("uid") || !j["uid"].is_string())
      return make_error(Phase::config, "metadata: missing uid");
    if (r.code.size() < 4 || r.code[0] != 0 || r.code[1] != 'a' || r.code[2] != 's' || r.code[3] != 'm')
      return make_error(Phase::config, "code: not a wasm module");
    return j["uid"].get<std::string>();
  }
  Result<void> move(std::string_view uid, const char* what, std::initializer_list<State> from, State to) {
    {
      std::lock_guard l(mu_);
      calls_.push_back(what);
      auto it = table_.find(std::string(uid));
      if (it == table_.end()) return unknown(uid);
      if (std::find(from.begin(), from.end(), it->second.status.state) == from.end())
        return make_error(Phase::usage, "container '" + std::string(uid) + "' cannot " + what + " now");
      if (to == State::failed) return make_error(Phase::config, "start failed (fake)");
      it->second.status.state = to;
    }
    cv_.notify_all();
    return {};
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Entry> table_;
  std::vector<std::string> calls_;
  bool fail_start_ = false;
};

}  // namespace tc::test
