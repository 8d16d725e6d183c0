// Cost of the per-call endpoint ACL check (PermissionTable::check), the figure the host
// pays on every open/read/write. Target: well under 50 ns.
#include <benchmark/benchmark.h>

#include <random>

#include "metadata/permission_table.hpp"

namespace tc::metadata {
namespace {

std::vector<Endpoint> grants(std::size_t n) {
  std::vector<Endpoint> out;
  for (std::uint32_t i = 0; i < n; ++i)
    out.push_back(
        Endpoint{i * 3 + 1, PeerType::local, "service" + std::to_string(i), 0,
                 i % 3 == 0 ? Direction::both : (i % 3 == 1 ? Direction::in : Direction::out)});
  return out;
}

// Ids to look up: a pseudo-random mix of granted and ungranted ids, precomputed.
std::vector<std::uint32_t> probes(std::size_t n) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::uint32_t> dist(0, static_cast<std::uint32_t>(n * 3 + 2));
  std::vector<std::uint32_t> out(1024);
  for (auto& id : out) id = dist(rng);
  return out;
}

void BM_Check(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const PermissionTable table = PermissionTable::build(grants(n));
  const auto ids = probes(n);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(table.check(ids[i++ & 1023], Op::read));
  }
}
BENCHMARK(BM_Check)->Arg(1)->Arg(4)->Arg(16)->Arg(64)->Arg(256);

void BM_CheckWithPeer(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto eps = grants(n);
  const PermissionTable table = PermissionTable::build(eps);
  std::vector<PeerRef> peers;
  for (const auto& e : eps) peers.push_back(PeerRef{e.peer_type, e.peer, e.peer_endpoint});
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % n;
    benchmark::DoNotOptimize(table.check(eps[k].endpoint_id, Op::open, peers[k]));
  }
}
BENCHMARK(BM_CheckWithPeer)->Arg(4)->Arg(64)->Arg(256);

// The host's path on a reconfigurable container: load the current table from the
// atomic slot, then check.
void BM_SlotLoadAndCheck(benchmark::State& state) {
  PermissionSlot slot(std::make_shared<const PermissionTable>(PermissionTable::build(grants(16))));
  const auto ids = probes(16);
  std::size_t i = 0;
  for (auto _ : state) {
    auto t = slot.load();
    benchmark::DoNotOptimize(t->check(ids[i++ & 1023], Op::write));
  }
}
BENCHMARK(BM_SlotLoadAndCheck);

}  // namespace
}  // namespace tc::metadata
