// tinycontainer services — composing the standard host services in one call (the daemon,
// tests and benchmarks use it).
//
// Contract: make_default_services(config) returns one instance of each standard service,
// ready to hand to HostConfig::services: log, clock, kv, sensor.temperature,
// sensor.accelerometer, actuator.led, actuator.gpio, mailbox (names in wire.h). It does no
// I/O (the kv store creates "<state_dir>/kv" on first use). Every field of the config has a
// working default; a null clock means the system clock, shared by all services.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "host/service.hpp"
#include "services/clock_source.hpp"
#include "services/kv_namespace.hpp"
#include "services/log_service.hpp"
#include "services/token_bucket.hpp"

namespace tc::services {

struct ServicesConfig {
  std::string state_dir;                // "" = kv in memory only
  bool kv_sync = false;                 // fdatasync after each kv mutation
  std::uint64_t sensor_seed = 1;        // simulated sensors
  LogSink log_sink;                     // (uid, line); null = discard
  RateLimit log_rate;                   // per container
  std::size_t log_max_line = 512;
  std::uint64_t mailbox_max_bytes = 64ULL << 20;  // all mailbox queues together
  std::shared_ptr<ClockSource> clock;   // null = system clock
  DiagnosticSink diagnostic;            // host-side messages (kv recovery, I/O errors)
};

[[nodiscard]] std::vector<std::unique_ptr<host::Service>> make_default_services(
    const ServicesConfig& config);

}  // namespace tc::services
