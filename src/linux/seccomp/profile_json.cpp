#include "linux/seccomp/profile_json.hpp"

#include <charconv>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>

#include "linux/seccomp/default_profile_data.hpp"
#include "linux/seccomp/errno_names.hpp"
#include "linux/seccomp/syscall_names.hpp"

namespace tc::seccomp {
namespace {

using nlohmann::json;

// Collects the source name for messages; each check returns an error or the value.
struct Ctx {
  std::string_view source;
  [[nodiscard]] std::unexpected<Error> fail(const std::string& path,
                                            const std::string& what) const {
    return make_error(Phase::config, std::string(source) + ": " + path + ": " + what);
  }
};

std::string type_name(const json& j) {
  return j.type_name();
}

Result<void> only_fields(const Ctx& c, const json& obj, const std::string& path,
                         std::initializer_list<std::string_view> allowed) {
  if (!obj.is_object()) return c.fail(path, "expected an object, got " + type_name(obj));
  for (const auto& [key, _] : obj.items()) {
    bool ok = false;
    for (auto a : allowed) ok = ok || key == a;
    if (!ok) return c.fail(path, "unknown field '" + key + "'");
  }
  return {};
}

Result<std::string> get_string(const Ctx& c, const json& obj, const std::string& path,
                               const char* key, bool required) {
  const std::string p = path.empty() ? key : path + "." + key;
  if (!obj.contains(key)) {
    if (required) return c.fail(p, "missing required field");
    return std::string{};
  }
  const json& v = obj.at(key);
  if (!v.is_string()) return c.fail(p, "expected a string, got " + type_name(v));
  return v.get<std::string>();
}

Result<std::uint64_t> get_u64(const Ctx& c, const json& v, const std::string& p) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) return c.fail(p, "expected a non-negative integer");
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    std::uint64_t out = 0;
    const bool hex = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char* b = s.data() + (hex ? 2 : 0);
    const char* e = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(b, e, out, hex ? 16 : 10);
    if (ec != std::errc{} || ptr != e || b == e)
      return c.fail(p, "expected an unsigned 64-bit number, got \"" + s + "\"");
    return out;
  }
  return c.fail(p, "expected an integer or a \"0x...\" string, got " + type_name(v));
}

Result<Action> parse_action(const Ctx& c, const json& obj, const std::string& path) {
  auto kind = get_string(c, obj, path, "action", true);
  if (!kind) return std::unexpected(kind.error());
  const std::string ap = path.empty() ? "action" : path + ".action";
  const std::string ep = path.empty() ? "errno" : path + ".errno";
  Action a;
  if (*kind == "allow")
    a.kind = ActionKind::allow;
  else if (*kind == "errno")
    a.kind = ActionKind::errno_code;
  else if (*kind == "violation")
    a.kind = ActionKind::violation;
  else if (*kind == "kill_process")
    a.kind = ActionKind::kill_process;
  else
    return c.fail(
        ap, "unknown action '" + *kind + "' (expected allow, errno, violation or kill_process)");
  const bool has_errno = obj.contains("errno");
  if (a.kind != ActionKind::errno_code) {
    if (has_errno) return c.fail(ep, "only valid with action \"errno\"");
    return a;
  }
  if (!has_errno) return c.fail(ep, "missing required field (action is \"errno\")");
  const json& e = obj.at("errno");
  std::optional<int> err;
  if (e.is_string())
    err = errno_from_name(e.get<std::string>());
  else if (e.is_number_unsigned() && e.get<std::uint64_t>() < 4096)
    err = errno_from_name(std::to_string(e.get<std::uint64_t>()));
  else
    return c.fail(ep, "expected an errno name or number, got " + type_name(e));
  if (!err) return c.fail(ep, "unknown errno " + e.dump());
  a.err = *err;
  return a;
}

Result<ArgCondition> parse_arg(const Ctx& c, const json& obj, const std::string& path) {
  if (auto r = only_fields(c, obj, path, {"index", "op", "value", "mask"}); !r)
    return std::unexpected(r.error());
  ArgCondition a;
  if (!obj.contains("index")) return c.fail(path + ".index", "missing required field");
  const json& idx = obj.at("index");
  if (!idx.is_number_unsigned() || idx.get<std::uint64_t>() > 5)
    return c.fail(path + ".index", "expected an integer 0..5, got " + idx.dump());
  a.index = idx.get<unsigned>();
  auto op = get_string(c, obj, path, "op", true);
  if (!op) return std::unexpected(op.error());
  bool found = false;
  for (ArgOp o : {ArgOp::eq, ArgOp::ne, ArgOp::lt, ArgOp::le, ArgOp::gt, ArgOp::ge,
                  ArgOp::masked_eq, ArgOp::masked_ne})
    if (to_string(o) == *op) {
      a.op = o;
      found = true;
    }
  if (!found) return c.fail(path + ".op", "unknown comparison '" + *op + "'");
  if (!obj.contains("value")) return c.fail(path + ".value", "missing required field");
  auto value = get_u64(c, obj.at("value"), path + ".value");
  if (!value) return std::unexpected(value.error());
  a.value = *value;
  const bool masked = a.op == ArgOp::masked_eq || a.op == ArgOp::masked_ne;
  if (masked != obj.contains("mask"))
    return c.fail(path + ".mask", masked ? "missing required field (op is " + *op + ")"
                                         : "only valid with masked_eq/masked_ne");
  if (masked) {
    auto mask = get_u64(c, obj.at("mask"), path + ".mask");
    if (!mask) return std::unexpected(mask.error());
    if (*mask == 0) return c.fail(path + ".mask", "a zero mask matches everything");
    if ((a.value & ~*mask) != 0)
      return c.fail(path + ".value", "has bits outside the mask: never matches");
    a.mask = *mask;
  }
  return a;
}

Result<RuleGroup> parse_rule(const Ctx& c, const json& obj, const std::string& path) {
  if (auto r = only_fields(c, obj, path, {"comment", "action", "errno", "syscalls", "args"}); !r)
    return std::unexpected(r.error());
  RuleGroup g;
  auto comment = get_string(c, obj, path, "comment", false);
  if (!comment) return std::unexpected(comment.error());
  g.comment = *comment;
  auto action = parse_action(c, obj, path);
  if (!action) return std::unexpected(action.error());
  g.action = *action;
  if (!obj.contains("syscalls")) return c.fail(path + ".syscalls", "missing required field");
  const json& names = obj.at("syscalls");
  if (!names.is_array() || names.empty())
    return c.fail(path + ".syscalls", "expected a non-empty array of syscall names");
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string p = path + ".syscalls[" + std::to_string(i) + "]";
    if (!names[i].is_string()) return c.fail(p, "expected a string, got " + type_name(names[i]));
    auto name = names[i].get<std::string>();
    if (!lookup_syscall(name).known) return c.fail(p, "unknown syscall '" + name + "'");
    g.syscalls.push_back(std::move(name));
  }
  if (obj.contains("args")) {
    const json& args = obj.at("args");
    if (!args.is_array() || args.empty())
      return c.fail(path + ".args", "expected a non-empty array of conditions");
    for (std::size_t i = 0; i < args.size(); ++i) {
      auto a = parse_arg(c, args[i], path + ".args[" + std::to_string(i) + "]");
      if (!a) return std::unexpected(a.error());
      g.args.push_back(*a);
    }
  }
  return g;
}

Result<void> parse_default(const Ctx& c, const json& def, Profile& p);
Result<Profile> parse_rules(const Ctx& c, const json& doc, Profile p);

Result<Profile> parse_document(const Ctx& c, const json& doc) {
  if (auto r = only_fields(c, doc, "(root)",
                           {"name", "description", "extends", "defaultAction", "rules"});
      !r)
    return std::unexpected(r.error());
  Profile p;
  auto name = get_string(c, doc, "", "name", true);
  if (!name) return std::unexpected(name.error());
  auto desc = get_string(c, doc, "", "description", false);
  if (!desc) return std::unexpected(desc.error());
  p.name = *name;
  p.description = *desc;
  auto extends = get_string(c, doc, "", "extends", false);
  if (!extends) return std::unexpected(extends.error());
  if (!extends->empty() && *extends != "default")
    return c.fail("extends", "unknown base profile '" + *extends + "' (only \"default\")");
  p.extends = *extends;
  p.declares_default = doc.contains("defaultAction");
  if (!p.declares_default) {
    if (p.extends.empty())
      return c.fail("defaultAction", "missing required field (the profile extends nothing)");
  } else if (auto r = parse_default(c, doc.at("defaultAction"), p); !r) {
    return std::unexpected(r.error());
  }
  return parse_rules(c, doc, std::move(p));
}

Result<void> parse_default(const Ctx& c, const json& def, Profile& p) {
  if (auto r = only_fields(c, def, "defaultAction", {"action", "errno"}); !r) return r;
  auto action = parse_action(c, def, "defaultAction");
  if (!action) return std::unexpected(action.error());
  p.default_action = *action;
  return {};
}

Result<Profile> parse_rules(const Ctx& c, const json& doc, Profile p) {
  if (!doc.contains("rules")) return c.fail("rules", "missing required field");
  const json& rules = doc.at("rules");
  if (!rules.is_array()) return c.fail("rules", "expected an array, got " + type_name(rules));
  for (std::size_t i = 0; i < rules.size(); ++i) {
    auto g = parse_rule(c, rules[i], "rules[" + std::to_string(i) + "]");
    if (!g) return std::unexpected(g.error());
    p.rules.push_back(std::move(*g));
  }
  return p;
}

}  // namespace

Result<Profile> parse_profile(std::string_view json_text, std::string_view source) {
  const Ctx c{source};
  json doc;
  try {
    doc = json::parse(json_text);
    return parse_document(c, doc);
  } catch (const json::exception& e) {
    // parse_error, but also out_of_range (e.g. "1e999": number overflow), found by
    // tests/fuzz/seccomp_profile_fuzz.cpp.
    return make_error(Phase::config, std::string(source) + ": invalid JSON: " + e.what());
  }
}

Result<Profile> load_profile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return sys_error(Phase::config, "open seccomp profile " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return sys_error(Phase::io, "read seccomp profile " + file.string());
  return parse_profile(text.str(), file.filename().string());
}

std::string_view default_profile_json() noexcept {
  return kDefaultProfileJson;
}

Result<Profile> default_profile() {
  return parse_profile(kDefaultProfileJson, "default.json");
}

}  // namespace tc::seccomp
