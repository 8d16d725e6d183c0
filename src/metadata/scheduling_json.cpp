#include "metadata/scheduling_json.hpp"

#include "metadata/enum_names.hpp"
#include "metadata/json_fields.hpp"
#include "metadata/try.hpp"

namespace tc::metadata {

Result<SchedulingChange> scheduling_fields_from_json(const nlohmann::json& v) {
  namespace jf = json_fields;
  const std::string_view path = "scheduling";
  if (auto r = jf::require_object(v, path); !r) return std::unexpected(r.error());
  if (auto r = jf::check_known(v, path,
                               {"start_max_duration", "loop_period", "loop_max_duration",
                                "loop_max_lifetime", "stop_max_duration", "priority", "overrun"});
      !r)
    return std::unexpected(r.error());
  TC_TRY(start, jf::get_duration(v, "start_max_duration", path));
  TC_TRY(period, jf::get_duration(v, "loop_period", path));
  TC_TRY(loop_max, jf::get_duration(v, "loop_max_duration", path));
  TC_TRY(lifetime, jf::get_uint(v, "loop_max_lifetime", path, UINT64_MAX));
  TC_TRY(stop, jf::get_duration(v, "stop_max_duration", path));
  TC_TRY(priority, jf::get_uint(v, "priority", path, kMaxPriority));
  TC_TRY(overrun, jf::get_enum<OverrunPolicy>(v, "overrun", path, parse_overrun_policy,
                                              overrun_policy_names()));
  SchedulingChange c;
  c.start_max_duration = *start;
  c.loop_period = *period;
  c.loop_max_duration = *loop_max;
  c.loop_max_lifetime = *lifetime;
  c.stop_max_duration = *stop;
  if (*priority) c.priority = static_cast<std::uint8_t>(**priority);
  c.overrun = *overrun;
  return c;
}

}  // namespace tc::metadata
