#include "services/default_services.hpp"

#include "services/actuator_service.hpp"
#include "services/clock_service.hpp"
#include "services/kv_service.hpp"
#include "services/log_service.hpp"
#include "services/mailbox_service.hpp"
#include "services/sensor_service.hpp"

namespace tc::services {

std::vector<std::unique_ptr<host::Service>> make_default_services(const ServicesConfig& config) {
  const std::shared_ptr<ClockSource> clock = config.clock ? config.clock : make_system_clock();
  std::vector<std::unique_ptr<host::Service>> out;
  out.push_back(std::make_unique<LogService>(
      LogConfig{config.log_rate, config.log_max_line, config.log_sink, clock}));
  out.push_back(std::make_unique<ClockService>(clock));
  out.push_back(std::make_unique<KvService>(
      KvConfig{config.state_dir, config.kv_sync, config.diagnostic}));
  out.push_back(std::make_unique<SensorService>(SensorKind::temperature, config.sensor_seed));
  out.push_back(std::make_unique<SensorService>(SensorKind::accelerometer, config.sensor_seed));
  out.push_back(std::make_unique<ActuatorService>(ActuatorKind::led));
  out.push_back(std::make_unique<ActuatorService>(ActuatorKind::gpio));
  out.push_back(std::make_unique<MailboxService>(config.mailbox_max_bytes));
  return out;
}

}  // namespace tc::services
