// Fuzz target: the native (POST /v1/executions) and Piston (POST /api/v2/execute) request
// parsers. Any input must yield a request or an Error with Phase::usage and a message
// naming a field or the body — never a crash, hang, leak or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/native_request.hpp"
#include "api/piston.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  tc::api::ServerLimits limits;
  auto native = tc::api::parse_native_request(body, limits);
  if (!native && (native.error().phase != tc::Phase::usage || native.error().message.empty()))
    std::abort();
  if (native && native->execution.files.empty()) std::abort();  // files is required
  std::vector<tc::exec::LanguageInfo> langs{{"python", {"py"}, "3.11.2", false, "main.py", {}, {}}};
  auto piston = tc::api::parse_piston_request(body, langs, limits);
  if (!piston && (piston.error().phase != tc::Phase::usage || piston.error().message.empty()))
    std::abort();
  if (piston && (piston->files.empty() || piston->cases.size() != 1)) std::abort();
  return 0;
}
