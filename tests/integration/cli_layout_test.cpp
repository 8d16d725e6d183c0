// The CLI's three executables (README "Layout"): `tinycontainer` answers every subcommand,
// forwarding metadata/host/ctl/serve to its siblings, and itself loads nothing but libc
// and constructs no iostreams before main (docs/SANDBOX.md "Start-up cost").
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "cli_runner.hpp"

namespace fs = std::filesystem;
using tc::test::run_cli;

namespace {

// Runs `binary args...` with output in files; like run_cli() for another binary.
tc::test::CliResult run_binary(const fs::path& binary, const std::vector<std::string>& args) {
  auto dir = tc::test::scratch_dir();
  pid_t pid = ::fork();
  if (pid == 0) {
    int out = ::open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open((dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(126);
  }
  auto r = tc::test::finish_cli(pid, dir);
  fs::remove_all(dir);
  return r;
}

// The standard output of `sh -c command` and its exit status.
[[maybe_unused]] std::pair<std::string, int> output_of(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return {out, -1};
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  return {out, ::pclose(p)};
}

}  // namespace

TEST(CliLayout, TopLevelHelpListsEverySubcommand) {
  auto r = run_cli({"--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name :
       {"version", "run", "metadata", "host", "ctl", "exec", "languages", "serve"})
    EXPECT_NE(r.out.find(std::string("\n  ") + name + " "), std::string::npos) << name << "\n"
                                                                               << r.out;
}

TEST(CliLayout, ForwardedSubcommandsAnswerAsTinycontainer) {
  auto help = run_cli({"metadata", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("Usage: tinycontainer metadata"), std::string::npos) << help.out;
  auto missing = run_cli({"ctl"});  // a usage error from the sibling, with its exit code
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("subcommand is required"), std::string::npos) << missing.err;
  auto before = run_cli({"--bogus", "metadata", "--help"});  // nothing is forwarded
  EXPECT_EQ(before.exit_code, 2);
  EXPECT_NE(before.err.find("unexpected argument '--bogus'"), std::string::npos) << before.err;
  EXPECT_EQ(before.out, "");
  auto bad = run_cli({"host", "--state-dir", "/nonexistent", "--no-such-option"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--no-such-option"), std::string::npos) << bad.err;
}

TEST(CliLayout, MissingSiblingIsAClearErrorNotACrash) {
  auto dir = tc::test::scratch_dir();
  const fs::path alone = dir / "tinycontainer";
  fs::copy_file(TC_BINARY, alone);
  for (const char* sub : {"metadata", "serve"}) {
    auto r = run_binary(alone, {sub, "--help"});
    EXPECT_EQ(r.exit_code, 125) << sub;
    EXPECT_NE(r.err.find("cannot execute"), std::string::npos) << r.err;
    EXPECT_NE(
        r.err.find(sub == std::string("serve") ? "tinycontainer-serve" : "tinycontainer-host"),
        std::string::npos)
        << r.err;
  }
  auto version = run_binary(alone, {"version"});  // what lives in the binary still works
  EXPECT_EQ(version.exit_code, 0);
  fs::remove_all(dir);
}

// Every shared library costs each sandbox start its loading and relocation (~20–40 µs
// each here; docs/SANDBOX.md "Start-up cost"), so the run binary needs libc only.
TEST(CliLayout, RunBinaryLoadsOnlyLibc) {
#if !TC_EXPECT_LIBC_ONLY
  GTEST_SKIP() << "not an optimised build with static dependencies (TC_STATIC_DEPS, archives "
                  "found, no sanitizers): other libraries are expected";
#else
  const auto [dynamic, status] = output_of(std::string("readelf -d '") + TC_BINARY + "'");
  ASSERT_EQ(status, 0) << "readelf failed";
  std::set<std::string> needed;
  std::istringstream lines(dynamic);
  for (std::string l; std::getline(lines, l);) {
    if (l.find("(NEEDED)") == std::string::npos) continue;
    const auto a = l.find('[');
    const auto b = l.find(']');
    ASSERT_TRUE(a != std::string::npos && b > a) << l;
    needed.insert(l.substr(a + 1, b - a - 1));
  }
  needed.erase("ld-linux-x86-64.so.2");  // loaded for every dynamic executable anyway
  EXPECT_EQ(needed, std::set<std::string>{"libc.so.6"});
#endif
}

// cli/no_static_iostreams.hpp: no std::ios_base::Init is constructed before main (it
// would build the standard streams and the classic locale, ~75 µs per start).
TEST(CliLayout, RunBinaryHasNoIostreamInitialiser) {
#if !TC_EXPECT_LIBC_ONLY
  GTEST_SKIP() << "not an optimised build with static dependencies (libstdc++ may be shared)";
#else
  const auto [all, status] = output_of(std::string("nm '") + TC_BINARY + "' 2>&1");
  ASSERT_EQ(status, 0) << all;
  if (all.find("no symbols") != std::string::npos) GTEST_SKIP() << "binary is stripped";
  ASSERT_NE(all.find(" main\n"), std::string::npos) << "nm did not list the binary";
  EXPECT_EQ(all.find("_ZNSt8ios_base4InitC1Ev"), std::string::npos);
  EXPECT_EQ(all.find("_ZNSt8ios_base4InitC2Ev"), std::string::npos);
  // Nor the streams themselves: a use of one would link and then crash (never constructed).
  for (const char* stream : {"_ZSt4cout\n", "_ZSt4cerr\n", "_ZSt4clog\n", "_ZSt3cin\n",
                             "_ZSt5wcout\n", "_ZSt5wcerr\n", "_ZSt5wclog\n", "_ZSt4wcin\n"})
    EXPECT_EQ(all.find(stream), std::string::npos) << stream;
#endif
}
