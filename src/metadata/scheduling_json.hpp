// tinycontainer — the JSON `scheduling` object, decoded once for both documents that
// carry it: the metadata (every field but loop_period optional, defaults applied by
// json_codec) and the reconfiguration request (every field optional: absent = unchanged).
//
// Contract: strict like json_fields.hpp — unknown fields, wrong types and out-of-range
// values are Phase::config errors whose message starts with "scheduling.<field>".
#pragma once

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "metadata/reconfiguration.hpp"

namespace tc::metadata {

[[nodiscard]] Result<SchedulingChange> scheduling_fields_from_json(const nlohmann::json& v);

}  // namespace tc::metadata
