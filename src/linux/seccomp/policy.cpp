#include "linux/seccomp/policy.hpp"

#include "common/fnv1a.hpp"

#include <fmt/format.h>

namespace tc::seccomp {
namespace {

void append_rule(std::string& out, const ConditionalRule& r) {
  out += "  if";
  for (const auto& a : r.args)
    out += fmt::format(" a{}.{}:{:#x}/{:#x}", a.index, to_string(a.op), a.value, a.mask);
  out += " -> " + describe(r.action) + "\n";
}

}  // namespace

std::string Policy::canonical_text() const {
  std::string out = "tc-seccomp-policy v1\n";
  out += "default " + describe(default_action) + "\n";
  out += user_notify ? "violation user_notify\n" : "violation kill_process\n";
  for (const auto& [name, sp] : syscalls) {
    out += name;
    if (sp.unconditional) out += " -> " + describe(*sp.unconditional);
    out += "\n";
    for (const auto& r : sp.conditional) append_rule(out, r);
  }
  return out;
}

std::uint64_t Policy::hash() const { return fnv1a(canonical_text()); }

std::optional<Action> unconditional_action(const Policy& p, const std::string& name) {
  auto it = p.syscalls.find(name);
  if (it == p.syscalls.end()) return std::nullopt;
  return it->second.unconditional;
}

}  // namespace tc::seccomp
