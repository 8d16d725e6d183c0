// Fuzz target: the language profile parser (executor/profile.hpp). Any input must give a
// profile or a precise config error — never a crash, hang or leak. A parsed profile is
// also expanded (placeholders) to exercise that path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "executor/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = tc::exec::parse_profile(text, "fuzz.json");
  if (p) {
    std::vector<tc::exec::SourceFile> files{{"main.c", ""}, {"b.c", ""}};
    (void)tc::exec::expand_command(p->run.command, *p, files, {"x"});
    if (p->compile) (void)tc::exec::expand_command(p->compile->command, *p, files, {});
  } else if (p.error().message.empty() || p.error().phase != tc::Phase::config) {
    __builtin_trap();  // every refusal must be a config error with a message
  }
  return 0;
}
