// Test helpers for the container host: fake services that record what guests send,
// metadata documents, guest modules (tests/host/guests/*.wat, compiled by wat2wasm at
// build time into TC_HOST_GUESTS).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "host/host.hpp"

namespace tc::host::test {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// What one container sent to a ProbeService.
struct Record {
  std::int32_t value;
  Clock::time_point at;
};

// A fake service: write() of 4 bytes records an i32 per container; read() returns the
// number of records so far (i32); call() echoes the request.
class ProbeService final : public Service {
 public:
  struct Log {
    std::mutex mu;
    std::map<std::string, std::vector<Record>> by_uid;
    int opens = 0;
  };
  ProbeService(std::string name, std::shared_ptr<Log> log) : name_(std::move(name)), log_(std::move(log)) {}
  std::string_view name() const noexcept override { return name_; }
  OpenResult open(const OpenRequest& r) override {
    std::lock_guard l(log_->mu);
    ++log_->opens;
    OpenResult out;
    out.session = std::make_unique<ProbeSession>(log_, std::string(r.container_uid));
    return out;
  }

 private:
  class ProbeSession final : public Session {
   public:
    ProbeSession(std::shared_ptr<Log> log, std::string uid) : log_(std::move(log)), uid_(std::move(uid)) {}
    std::int32_t write(std::span<std::uint8_t>, std::span<const std::uint8_t> in) override {
      if (in.size() != 4) return abi::kInvalid;
      std::int32_t v;
      std::memcpy(&v, in.data(), 4);
      std::lock_guard l(log_->mu);
      log_->by_uid[uid_].push_back({v, Clock::now()});
      return 4;
    }
    std::int32_t read(std::span<std::uint8_t>, std::span<std::uint8_t> out) override {
      if (out.size() < 4) return abi::kTooBig;
      std::lock_guard l(log_->mu);
      const auto n = static_cast<std::int32_t>(log_->by_uid[uid_].size());
      std::memcpy(out.data(), &n, 4);
      return 4;
    }
    std::int32_t call(std::span<std::uint8_t>, std::span<const std::uint8_t> req, std::span<std::uint8_t> resp) override {
      const std::size_t n = std::min(req.size(), resp.size());
      if (n != 0) std::memcpy(resp.data(), req.data(), n);
      return static_cast<std::int32_t>(n);
    }

   private:
    std::shared_ptr<Log> log_;
    std::string uid_;
  };
  std::string name_;
  std::shared_ptr<Log> log_;
};

inline std::vector<std::uint8_t> guest(const std::string& name) {
  std::ifstream in(std::string(TC_HOST_GUESTS) + "/" + name + ".wasm", std::ios::binary);
  EXPECT_TRUE(in) << "guest module " << name << " missing";
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<std::uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

// A metadata document: probe endpoints 1 (out) and 2 (in) unless `endpoints` is given.
inline nlohmann::json meta(const std::string& uid, const std::string& period = "10ms") {
  return nlohmann::json{
      {"version", 1},
      {"uid", uid},
      {"name", "test " + uid},
      {"runtime", "wasm"},
      {"code", uid + ".wasm"},
      {"scheduling", {{"loop_period", period}, {"priority", 8}, {"overrun", "skip"}}},
      {"limits", {{"memory_pages", 2}, {"call_depth", 64}}},
      {"endpoints",
       {{{"endpoint_id", 1}, {"peer_type", "local"}, {"peer", "probe"}, {"direction", "out"}},
        {{"endpoint_id", 2}, {"peer_type", "local"}, {"peer", "probe"}, {"direction", "in"}},
        {{"endpoint_id", 4}, {"peer_type", "remote"}, {"peer", "coap://[::1]/x"}, {"direction", "out"}}}}};
}

inline LoadRequest request(const nlohmann::json& m, std::vector<std::uint8_t> code) {
  return LoadRequest{bytes(m.dump()), std::move(code), {}};
}

struct HostFixture : ::testing::Test {
  std::shared_ptr<ProbeService::Log> log = std::make_shared<ProbeService::Log>();
  std::unique_ptr<HostControl> host;

  void SetUp() override { host = make(); }
  std::unique_ptr<HostControl> make(std::string tinycontainer_path = "") {
    HostConfig cfg;
    cfg.services.push_back(std::make_unique<ProbeService>("probe", log));
    cfg.tinycontainer_path = std::move(tinycontainer_path);
    auto h = make_host(std::move(cfg));
    EXPECT_TRUE(h) << h.error().describe();
    return h ? std::move(*h) : nullptr;
  }
  std::vector<Record> records(const std::string& uid) {
    std::lock_guard l(log->mu);
    return log->by_uid[uid];
  }
  std::vector<std::int32_t> values(const std::string& uid) {
    std::vector<std::int32_t> v;
    for (const Record& r : records(uid)) v.push_back(r.value);
    return v;
  }
  std::string load_start(const nlohmann::json& m, const std::string& module) {
    auto uid = host->load(request(m, guest(module)));
    EXPECT_TRUE(uid) << uid.error().describe();
    if (!uid) return {};
    auto s = host->start(*uid);
    EXPECT_TRUE(s) << s.error().describe();
    return *uid;
  }
  // Polls until `pred` holds or `timeout` passes.
  template <class Pred>
  bool eventually(Pred pred, std::chrono::milliseconds timeout = 5000ms) {
    const auto end = Clock::now() + timeout;
    while (Clock::now() < end) {
      if (pred()) return true;
      std::this_thread::sleep_for(2ms);
    }
    return pred();
  }
};

}  // namespace tc::host::test
