// Unit tests: the strict seccomp profile loader (profile_json.hpp).
#include "linux/seccomp/profile_json.hpp"

#include <unistd.h>

#include <filesystem>

#include "linux/seccomp/effective_profile.hpp"
#include "linux/seccomp/policy_builder.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <fstream>

namespace tc::seccomp {
namespace {

std::string error_of(std::string_view json) {
  auto r = parse_profile(json, "p.json");
  if (r) return "<no error>";
  EXPECT_EQ(r.error().phase, Phase::config);
  return r.error().message;
}

constexpr std::string_view kMinimal =
    R"({"name":"t","defaultAction":{"action":"errno","errno":"ENOSYS"},
  "rules":[{"action":"allow","syscalls":["read","write"]},
           {"action":"violation","syscalls":["mount"]},
           {"action":"allow","syscalls":["ioctl"],
            "args":[{"index":1,"op":"masked_ne","mask":"0xffffffff","value":"0x5412"}]}]})";

TEST(ProfileJson, ParsesMinimalProfile) {
  auto p = parse_profile(kMinimal, "p.json");
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->name, "t");
  EXPECT_EQ(p->default_action, (Action{ActionKind::errno_code, ENOSYS}));
  ASSERT_EQ(p->rules.size(), 3U);
  EXPECT_EQ(p->rules[0].syscalls, (std::vector<std::string>{"read", "write"}));
  EXPECT_EQ(p->rules[1].action.kind, ActionKind::violation);
  ASSERT_EQ(p->rules[2].args.size(), 1U);
  EXPECT_EQ(p->rules[2].args[0].op, ArgOp::masked_ne);
  EXPECT_EQ(p->rules[2].args[0].mask, 0xffffffffU);
  EXPECT_EQ(p->rules[2].args[0].value, 0x5412U);
}

TEST(ProfileJson, DefaultProfileLoadsAndCoversTheBrief) {
  auto p = default_profile();
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->default_action, (Action{ActionKind::errno_code, ENOSYS}));
  auto action_of = [&](const std::string& name) -> std::optional<Action> {
    for (const auto& g : p->rules)
      for (const auto& s : g.syscalls)
        if (s == name && g.args.empty()) return g.action;
    return std::nullopt;
  };
  for (const char* s : {"mount",
                        "umount2",
                        "fsopen",
                        "fsmount",
                        "move_mount",
                        "open_tree",
                        "unshare",
                        "setns",
                        "pivot_root",
                        "chroot",
                        "ptrace",
                        "process_vm_readv",
                        "process_vm_writev",
                        "bpf",
                        "perf_event_open",
                        "keyctl",
                        "add_key",
                        "request_key",
                        "userfaultfd",
                        "kexec_load",
                        "kexec_file_load",
                        "init_module",
                        "finit_module",
                        "delete_module",
                        "reboot",
                        "swapon",
                        "swapoff",
                        "open_by_handle_at",
                        "name_to_handle_at",
                        "io_uring_setup",
                        "io_uring_enter",
                        "io_uring_register",
                        "acct",
                        "quotactl",
                        "settimeofday",
                        "clock_settime",
                        "adjtimex",
                        "syslog",
                        "vhangup",
                        "iopl",
                        "ioperm",
                        "lookup_dcookie"})
    EXPECT_EQ(action_of(s), (Action{ActionKind::violation, 0})) << s;
  EXPECT_EQ(action_of("clone3"), (Action{ActionKind::errno_code, ENOSYS}));
  EXPECT_EQ(action_of("rseq"), (Action{ActionKind::allow, 0}));
}

TEST(ProfileJson, DefaultProfileFileMatchesEmbeddedCopy) {
  std::ifstream in(TC_PROFILES_DIR "/default.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, default_profile_json());
}

TEST(ProfileJson, InvalidJsonNamesPosition) {
  EXPECT_NE(error_of("{\"name\": }").find("p.json: invalid JSON"), std::string::npos);
}

TEST(ProfileJson, UnknownSyscallNamesFieldPath) {
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"allow"},
      "rules":[{"action":"allow","syscalls":["read"]},{"action":"allow","syscalls":["read","mout"]}]})"),
            "p.json: rules[1].syscalls[1]: unknown syscall 'mout'");
}

TEST(ProfileJson, UnknownFieldIsAnError) {
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"allow"},
      "rules":[{"action":"allow","sycalls":["read"]}]})"),
            "p.json: rules[0]: unknown field 'sycalls'");
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"allow"},"rules":[],"extra":1})"),
            "p.json: (root): unknown field 'extra'");
}

TEST(ProfileJson, WrongTypesAreErrors) {
  EXPECT_EQ(error_of(R"({"name":3,"defaultAction":{"action":"allow"},"rules":[]})"),
            "p.json: name: expected a string, got number");
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"allow"},"rules":{}})"),
            "p.json: rules: expected an array, got object");
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"allow"},
      "rules":[{"action":"allow","syscalls":[7]}]})"),
            "p.json: rules[0].syscalls[0]: expected a string, got number");
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"allow"},
      "rules":[{"action":"allow","syscalls":["ioctl"],"args":[{"index":1,"op":"eq","value":-1}]}]})"),
            "p.json: rules[0].args[0].value: expected a non-negative integer");
}

TEST(ProfileJson, ActionAndErrnoConsistency) {
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"errno"},"rules":[]})"),
            "p.json: defaultAction.errno: missing required field (action is \"errno\")");
  EXPECT_EQ(
      error_of(R"({"name":"t","defaultAction":{"action":"allow","errno":"EPERM"},"rules":[]})"),
      "p.json: defaultAction.errno: only valid with action \"errno\"");
  EXPECT_EQ(
      error_of(R"({"name":"t","defaultAction":{"action":"errno","errno":"EWHAT"},"rules":[]})"),
      "p.json: defaultAction.errno: unknown errno \"EWHAT\"");
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"deny"},"rules":[]})"),
            "p.json: defaultAction.action: unknown action 'deny' (expected allow, errno, violation "
            "or kill_process)");
}

TEST(ProfileJson, ArgumentConditionsAreValidated) {
  auto with_arg = [](std::string_view arg) {
    return error_of(std::string(R"({"name":"t","defaultAction":{"action":"allow"},
      "rules":[{"action":"allow","syscalls":["ioctl"],"args":[)") +
                    std::string(arg) + "]}]}");
  };
  EXPECT_EQ(with_arg(R"({"index":6,"op":"eq","value":1})"),
            "p.json: rules[0].args[0].index: expected an integer 0..5, got 6");
  EXPECT_EQ(with_arg(R"({"index":1,"op":"bitand","value":1})"),
            "p.json: rules[0].args[0].op: unknown comparison 'bitand'");
  EXPECT_EQ(with_arg(R"({"index":1,"op":"masked_eq","value":1})"),
            "p.json: rules[0].args[0].mask: missing required field (op is masked_eq)");
  EXPECT_EQ(with_arg(R"({"index":1,"op":"eq","value":1,"mask":3})"),
            "p.json: rules[0].args[0].mask: only valid with masked_eq/masked_ne");
  EXPECT_EQ(with_arg(R"({"index":1,"op":"masked_eq","value":"0x10","mask":"0x0f"})"),
            "p.json: rules[0].args[0].value: has bits outside the mask: never matches");
  EXPECT_EQ(with_arg(R"({"index":1,"op":"eq","value":"0xZZ"})"),
            "p.json: rules[0].args[0].value: expected an unsigned 64-bit number, got \"0xZZ\"");
}

TEST(ProfileJson, ExtendsIsValidated) {
  EXPECT_EQ(error_of(R"({"name":"t","extends":"strict","rules":[]})"),
            "p.json: extends: unknown base profile 'strict' (only \"default\")");
  EXPECT_EQ(error_of(R"({"name":"t","rules":[]})"),
            "p.json: defaultAction: missing required field (the profile extends nothing)");
}

TEST(ProfileJson, EmptySyscallListIsAnError) {
  EXPECT_EQ(error_of(R"({"name":"t","defaultAction":{"action":"allow"},
      "rules":[{"action":"allow","syscalls":[]}]})"),
            "p.json: rules[0].syscalls: expected a non-empty array of syscall names");
}

TEST(ProfileJson, MissingFileIsAnIoError) {
  auto r = load_profile("/nonexistent/profile.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().sys_errno, ENOENT);
}

TEST(ProfileModel, OverlayReplacesPerSyscall) {
  auto base = parse_profile(kMinimal, "base");
  auto extra = parse_profile(R"({"name":"x","defaultAction":{"action":"errno","errno":"EPERM"},
      "rules":[{"action":"allow","syscalls":["mount"]}]})",
                             "x");
  ASSERT_TRUE(base && extra);
  Profile merged = overlay(*base, *extra);
  EXPECT_EQ(merged.default_action, (Action{ActionKind::errno_code, EPERM}));
  auto inherit = parse_profile(R"({"name":"y","extends":"default","rules":[]})", "y");
  ASSERT_TRUE(inherit) << inherit.error().describe();
  EXPECT_FALSE(inherit->declares_default);
  EXPECT_EQ(overlay(*extra, *inherit).default_action, extra->default_action);
  int mount_rules = 0;
  for (const auto& g : merged.rules)
    for (const auto& s : g.syscalls)
      if (s == "mount") {
        ++mount_rules;
        EXPECT_EQ(g.action.kind, ActionKind::allow);
      }
  EXPECT_EQ(mount_rules, 1);
  Profile allowed = with_allowed(*base, {"ptrace"});
  EXPECT_EQ(allowed.rules.back().syscalls, (std::vector<std::string>{"ptrace"}));
}

}  // namespace
}  // namespace tc::seccomp

namespace tc::seccomp {
namespace {

class EffectiveProfile : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() /
            ("tc-profile-" + std::to_string(getpid()) + ".json");
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

TEST_F(EffectiveProfile, DefaultWhenNothingChosen) {
  auto p = effective_profile({});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "default");
}

TEST_F(EffectiveProfile, ExtendsOverlaysTheDefault) {
  auto p = effective_profile({write(R"({"name":"course","extends":"default",
      "rules":[{"action":"allow","syscalls":["ptrace"]}]})"),
                              {"perf_event_open"}});
  ASSERT_TRUE(p) << p.error().describe();
  auto policy = SeccompPolicyBuilder().from_profile(*p).build_policy();
  ASSERT_TRUE(policy);
  EXPECT_EQ(unconditional_action(*policy, "ptrace"), (Action{ActionKind::allow, 0}));
  EXPECT_EQ(unconditional_action(*policy, "perf_event_open"), (Action{ActionKind::allow, 0}));
  EXPECT_EQ(unconditional_action(*policy, "mount"), (Action{ActionKind::violation, 0}));
  EXPECT_EQ(unconditional_action(*policy, "read"), (Action{ActionKind::allow, 0}));
  EXPECT_EQ(policy->default_action, (Action{ActionKind::errno_code, ENOSYS}));
}

TEST_F(EffectiveProfile, StandaloneFileReplacesTheDefault) {
  auto p = effective_profile({write(R"({"name":"tiny","defaultAction":{"action":"kill_process"},
      "rules":[{"action":"allow","syscalls":["read","write","exit_group"]}]})"),
                              {}});
  ASSERT_TRUE(p) << p.error().describe();
  auto policy = SeccompPolicyBuilder().from_profile(*p).build_policy();
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->syscalls.size(), 3U);
  EXPECT_EQ(policy->default_action.kind, ActionKind::kill_process);
}

TEST_F(EffectiveProfile, BadFileNamesItself) {
  auto p = effective_profile(
      {write(
           R"({"name":"bad","extends":"default","rules":[{"action":"allow","syscalls":["nope"]}]})"),
       {}});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().message,
            path_.filename().string() + ": rules[0].syscalls[0]: unknown syscall 'nope'");
}

}  // namespace
}  // namespace tc::seccomp
