// Fuzz target: the seccomp profile JSON loader (linux/seccomp/profile_json.hpp) and, for
// profiles it accepts, the policy builder and the BPF compiler.
//
// Property checked: any byte string yields either a Profile or a tc::Error with a
// non-empty message — never a crash, an uncaught exception, a hang or a leak; and when the
// range compiler (range_compiler.hpp) takes a policy on, its program decides exactly like
// libseccomp's on every native syscall number and a grid of argument values (run under
// ASan/UBSan: the replay driver is in the unit label, the libFuzzer build uses
// -fsanitize=fuzzer,address,undefined). Built two ways (tests/fuzz/seccomp/CMakeLists.txt):
// with clang and TC_FUZZ=ON as a libFuzzer binary, and always as a replay driver that
// runs the committed corpus (tests/fuzz/seccomp/corpus/) in ctest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "linux/seccomp/compiler.hpp"
#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"
#include "linux/seccomp/range_compiler.hpp"
#include "linux/seccomp/syscall_names.hpp"
#include "support/bpf_run.hpp"

namespace {

// Same decision from both programs for `in`, or abort.
void check(const std::vector<sock_filter>& a, const std::vector<sock_filter>& b,
           const tc::seccomp::testing::Input& in) {
  auto x = tc::seccomp::testing::run_bpf(a, in);
  auto y = tc::seccomp::testing::run_bpf(b, in);
  if (!x || !y || *x != *y) std::abort();
}

void differential(const tc::seccomp::Policy& policy) {
  auto ours = tc::seccomp::compile_ranges(policy);
  if (!ours) return;
  auto theirs = tc::seccomp::compile_policy_libseccomp(policy);
  if (!theirs) std::abort();  // the range compiler took a policy libseccomp refuses
  tc::seccomp::testing::Input in;
  for (std::uint32_t nr = 0; nr < 480; ++nr) {
    in.nr = nr;
    check(*ours, theirs->program, in);
  }
  for (std::uint32_t nr : {0x40000001U, 0xffffffffU, 0x7fffffffU}) {
    in.nr = nr;
    check(*ours, theirs->program, in);
  }
  in.arch = AUDIT_ARCH_I386;
  in.nr = 1;
  check(*ours, theirs->program, in);
  in.arch = AUDIT_ARCH_X86_64;
  for (const auto& [name, sp] : policy.syscalls) {
    if (sp.conditional.empty()) continue;
    auto lk = tc::seccomp::lookup_syscall(name);
    if (!lk.native_number) continue;
    std::vector<std::uint64_t> values{0, 1, ~0ULL, 0x100000000ULL};
    for (const auto& r : sp.conditional)
      for (const auto& c : r.args)
        for (std::uint64_t v : {c.value, c.value & c.mask, c.value ^ 1, c.value | ~c.mask})
          if (values.size() < 12) values.push_back(v);
    in.nr = static_cast<std::uint32_t>(*lk.native_number);
    for (std::uint64_t a : values)
      for (std::uint64_t b : values)
        for (std::uint64_t c : values) {
          in.args = {a, b, c, a, b, c};
          check(*ours, theirs->program, in);
        }
  }
}

}  // namespace

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
  if (policy) differential(*policy);
  return 0;
}
