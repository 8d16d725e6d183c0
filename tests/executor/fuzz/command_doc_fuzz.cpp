// Fuzz target: the command document of `run --command-fd` (executor/command_doc.hpp) and
// the argv/env blob init decodes (linux/deferred_command.hpp). Any input must give a
// command or a precise error — never a crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "executor/command_doc.hpp"
#include "linux/deferred_command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  tc::exec::CommandDefaults d;
  d.env = {"PATH=/usr/bin"};
  d.max_stdin = 1 << 16;
  auto c = tc::exec::parse_command_doc(text, d);
  if (!c && (c.error().message.empty() || c.error().phase != tc::Phase::usage)) __builtin_trap();
  if (c) {
    auto blob = tc::sandbox::encode_process(c->args, c->env);
    std::vector<std::string> a, e;
    if (!tc::sandbox::decode_process(std::string_view(blob).substr(4), a, e) || a != c->args)
      __builtin_trap();  // what we encode must decode to the same argv
  }
  std::vector<std::string> a, e;
  auto r = tc::sandbox::decode_process(text, a, e);
  if (!r && r.error().message.empty()) __builtin_trap();
  return 0;
}
