// Host service call costs (docs/BENCHMARKS.md "## Host services"): the service side of an
// endpoint call, i.e. Session::read/write/call as the dispatcher invokes them, without the
// guest ABI and ACL (measured by the host benchmarks).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "services/clock_service.hpp"
#include "services/kv_request.hpp"
#include "services/kv_service.hpp"
#include "services/log_service.hpp"
#include "services/mailbox_service.hpp"
#include "services/sensor_service.hpp"
#include "services/wire.h"

namespace {

using namespace tc::services;
namespace abi = tc::host::abi;

std::unique_ptr<tc::host::Session> open_on(tc::host::Service& s, std::string_view uid,
                                           const tc::metadata::Limits& limits,
                                           tc::metadata::GrantView grant = {}) {
  tc::host::OpenRequest r;
  r.container_uid = uid;
  r.grant = grant;
  r.limits = &limits;
  return s.open(r).session;
}

class StateDir {
 public:
  StateDir() {
    std::string t = (std::filesystem::temp_directory_path() / "tc-bench-kv-XXXXXX").string();
    if (::mkdtemp(t.data())) path = t;
  }
  ~StateDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string path;
};

// arg 0: persisted (0 = memory, 1 = state dir, append-only log without fsync)
void BM_KvPut(benchmark::State& st) {
  StateDir dir;
  KvService kv({st.range(0) ? dir.path : "", false, nullptr});
  tc::metadata::Limits lim;
  lim.storage_quota = 1 << 20;
  auto s = open_on(kv, "bench", lim);
  std::vector<std::uint8_t> mem, resp(64);
  std::vector<std::vector<std::uint8_t>> reqs;
  for (int i = 0; i < 64; ++i)
    reqs.push_back(encode_kv_request(KvOp::put, "sensor/" + std::to_string(i), "21.5C@123456"));
  std::size_t i = 0;
  for (auto _ : st) {
    if (s->call(mem, reqs[i++ & 63], resp) != abi::kOk) st.SkipWithError("put failed");
  }
}
BENCHMARK(BM_KvPut)->Arg(0)->Arg(1);

void BM_KvGet(benchmark::State& st) {
  KvService kv({});
  tc::metadata::Limits lim;
  auto s = open_on(kv, "bench", lim);
  std::vector<std::uint8_t> mem, resp(64);
  std::vector<std::vector<std::uint8_t>> reqs;
  for (int i = 0; i < 64; ++i) {
    (void)s->call(mem, encode_kv_request(KvOp::put, "sensor/" + std::to_string(i), "21.5C"), resp);
    reqs.push_back(encode_kv_request(KvOp::get, "sensor/" + std::to_string(i)));
  }
  std::size_t i = 0;
  for (auto _ : st) benchmark::DoNotOptimize(s->call(mem, reqs[i++ & 63], resp));
}
BENCHMARK(BM_KvGet);

// One message producer → consumer and back to empty: write + read.
void BM_MailboxRoundTrip(benchmark::State& st) {
  MailboxService mb;
  tc::metadata::Limits lim;
  using tc::metadata::Direction;
  using tc::metadata::PeerType;
  auto consumer = open_on(mb, "b", lim, {5, PeerType::container, "a", 0, Direction::in});
  auto producer = open_on(mb, "a", lim, {1, PeerType::container, "b", 5, Direction::out});
  std::vector<std::uint8_t> mem, msg(static_cast<std::size_t>(st.range(0)), 0x42), buf(256);
  for (auto _ : st) {
    if (producer->write(mem, msg) < 0 || consumer->read(mem, buf) < 0)
      st.SkipWithError("mailbox failed");
  }
}
BENCHMARK(BM_MailboxRoundTrip)->Arg(16)->Arg(256);

void BM_ClockRead(benchmark::State& st) {
  ClockService clock(nullptr);
  tc::metadata::Limits lim;
  auto s = open_on(clock, "bench", lim);
  std::vector<std::uint8_t> mem, rec(TC_CLOCK_RECORD_SIZE);
  for (auto _ : st) benchmark::DoNotOptimize(s->read(mem, rec));
}
BENCHMARK(BM_ClockRead);

void BM_TemperatureRead(benchmark::State& st) {
  SensorService t(SensorKind::temperature, 1);
  tc::metadata::Limits lim;
  auto s = open_on(t, "bench", lim);
  std::vector<std::uint8_t> mem, rec(TC_TEMPERATURE_RECORD_SIZE);
  for (auto _ : st) benchmark::DoNotOptimize(s->read(mem, rec));
}
BENCHMARK(BM_TemperatureRead);

void BM_LogWrite(benchmark::State& st) {
  LogConfig cfg;
  cfg.rate = {1'000'000'000, 1'000'000'000};  // measure the line path, not the limiter
  std::size_t bytes = 0;
  cfg.sink = [&bytes](std::string_view, std::string_view line) { bytes += line.size(); };
  LogService log(std::move(cfg));
  tc::metadata::Limits lim;
  auto s = open_on(log, "bench", lim);
  const std::string line = "sample 1234: temperature 21.5 C, humidity 40 %";
  std::vector<std::uint8_t> mem, in(line.begin(), line.end());
  for (auto _ : st) benchmark::DoNotOptimize(s->write(mem, in));
  benchmark::DoNotOptimize(bytes);
}
BENCHMARK(BM_LogWrite);

}  // namespace
