// Test helpers: a complete, valid metadata document and small JSON edits of it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "metadata/json_codec.hpp"

namespace tc::metadata::test {

inline nlohmann::json sample_json() {
  return nlohmann::json::parse(R"({
    "version": 1,
    "uid": "sensor-sampler",
    "name": "Periodic sensor sampler",
    "runtime": "wasm",
    "code": "sensor_sampler.wasm",
    "scheduling": {
      "start_max_duration": "5ms",
      "loop_period": "100ms",
      "loop_max_duration": "10ms",
      "loop_max_lifetime": 0,
      "stop_max_duration": "5ms",
      "priority": 8,
      "overrun": "preempt_resume"
    },
    "limits": {"memory_pages": 2, "call_depth": 128, "storage_quota": "4KiB",
               "mailbox_capacity": 4, "mailbox_message_size": 64},
    "endpoints": [
      {"endpoint_id": 1, "peer_type": "local", "peer": "sensor.temperature", "direction": "in"},
      {"endpoint_id": 2, "peer_type": "local", "peer": "kv", "direction": "both"},
      {"endpoint_id": 3, "peer_type": "container", "peer": "consumer", "peer_endpoint": 1,
       "direction": "out"},
      {"endpoint_id": 4, "peer_type": "remote", "peer": "coap://[::1]/samples", "direction": "out"}
    ],
    "integrity": {
      "code_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    }
  })");
}

inline Result<Metadata> decode(const nlohmann::json& j) {
  return decode_json(j.dump(), default_runtime_types());
}

inline Metadata sample() {
  return decode(sample_json()).value();
}

}  // namespace tc::metadata::test
