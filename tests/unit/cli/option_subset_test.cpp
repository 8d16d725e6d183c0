#include "cli/option_subset.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace tc::cli {
namespace {

std::vector<std::string> argv(std::initializer_list<const char*> a) {
  return {a.begin(), a.end()};
}

TEST(OptionSubset, WantsTheLongAndShortNamesTheArgumentsUse) {
  CLI::App app;
  OptionSubset s(&app,
                 argv({"tc", "run", "--json", "--wall-time=2s", "-qe", "K=V", "--", "--memory"}));
  EXPECT_TRUE(s.wanted("--json"));
  EXPECT_TRUE(s.wanted("--wall-time"));
  EXPECT_TRUE(s.wanted("-q,--quiet"));  // the letter of a bundled short option
  EXPECT_TRUE(s.wanted("-e,--env"));
  EXPECT_FALSE(s.wanted("--memory")) << "after '--' everything is the command's";
  EXPECT_FALSE(s.wanted("--wall"));
  EXPECT_FALSE(s.wanted("--stream"));
  EXPECT_TRUE(s.wanted("command")) << "positionals are always registered";
}

TEST(OptionSubset, HelpWantsEverything) {
  for (auto args : {argv({"tc", "run", "--help"}), argv({"tc", "run", "-h"}),
                    argv({"tc", "run", "-qh", "--", "x"})}) {
    CLI::App app;
    OptionSubset s(&app, args);
    EXPECT_TRUE(s.wanted("--stream"));
    EXPECT_TRUE(s.wanted("-e,--env"));
  }
  CLI::App app;
  OptionSubset after(&app, argv({"tc", "run", "--", "ls", "--help"}));
  EXPECT_FALSE(after.wanted("--stream"));
}

TEST(OptionSubset, RegistersOnlyWantedOptionsAndParsesLikeTheFullSet) {
  for (bool subset : {false, true}) {
    CLI::App app;
    const auto args = argv({"prog", "--nofile", "7", "-q"});
    OptionSubset s(&app, subset ? args : argv({"prog", "--help"}));
    bool quiet = false;
    bool json = false;
    std::uint64_t nofile = 1024;
    std::string user = "default";
    s.add_flag("-q,--quiet", quiet, "quiet");
    s.add_flag("--json", json, "json")->capture_default_str();
    s.add_option("--nofile", nofile, "files")->capture_default_str();
    s.add_option("--user", user, "user")->check(CLI::IsMember({"a", "b"}));
    EXPECT_EQ(app.get_option_no_throw("--json") != nullptr, !subset);
    EXPECT_EQ(app.get_option_no_throw("--user") != nullptr, !subset);
    EXPECT_EQ(s.add_flag("--left-out", json, "x").get() == nullptr, subset);
    std::vector<const char*> raw{"prog", "--nofile", "7", "-q"};
    app.parse(static_cast<int>(raw.size()), raw.data());
    EXPECT_TRUE(quiet);
    EXPECT_FALSE(json);
    EXPECT_EQ(nofile, 7U);
    EXPECT_EQ(user, "default") << "an option left out keeps its default, as if not given";
    EXPECT_TRUE(given(app, "--nofile"));
    EXPECT_FALSE(given(app, "--json"));
    EXPECT_FALSE(given(app, "--user"));
  }
}

TEST(OptionSubset, UnknownOptionsStillFailToParse) {
  CLI::App app;
  OptionSubset s(&app, argv({"prog", "--bogus"}));
  int n = 0;
  s.add_option("--n", n, "n");
  std::vector<const char*> raw{"prog", "--bogus"};
  EXPECT_THROW(app.parse(static_cast<int>(raw.size()), raw.data()), CLI::ParseError);
}

}  // namespace
}  // namespace tc::cli
