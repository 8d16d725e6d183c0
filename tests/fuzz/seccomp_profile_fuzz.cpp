// Fuzz target: the seccomp profile JSON loader (linux/seccomp/profile_json.hpp) and, for
// profiles it accepts, the policy builder and the BPF compiler.
//
// Property checked: any byte string yields either a Profile or a tc::Error with a
// non-empty message — never a crash, an uncaught exception, a hang or a leak (run under
// ASan/UBSan: the replay driver is in the unit label, the libFuzzer build uses
// -fsanitize=fuzzer,address,undefined). Built two ways (tests/fuzz/seccomp/CMakeLists.txt):
// with clang and TC_FUZZ=ON as a libFuzzer binary, and always as a replay driver that
// runs the committed corpus (tests/fuzz/seccomp/corpus/) in ctest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto profile = tc::seccomp::parse_profile(text, "fuzz");
  if (!profile) {
    if (profile.error().message.empty()) std::abort();  // every refusal must say why
    return 0;
  }
  // An accepted profile must also go through the policy builder without crashing
  // (it may still refuse it, e.g. for conflicting rules, with a message).
  auto policy = tc::seccomp::SeccompPolicyBuilder{}.from_profile(*profile).build_policy();
  if (!policy && policy.error().message.empty()) std::abort();
  return 0;
}
