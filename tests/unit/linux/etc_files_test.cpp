#include "linux/etc_files.hpp"

#include <gtest/gtest.h>

#include <map>

TEST(EtcFiles, GeneratesTheSandboxUserAndNoSecrets) {
  auto files = tc::sandbox::generate_etc({1000, 1001, "sandbox", "/workspace", "box"});
  std::map<std::string, std::string> m(files.begin(), files.end());
  EXPECT_EQ(m.count("shadow"), 0u);
  EXPECT_EQ(m.count("resolv.conf"), 0u);
  EXPECT_NE(m["passwd"].find("sandbox:x:1000:1001:sandbox:/workspace:/bin/sh\n"),
            std::string::npos);
  EXPECT_NE(m["group"].find("sandbox:x:1001:\n"), std::string::npos);
  EXPECT_EQ(m["hostname"], "box\n");
  EXPECT_NE(m["hosts"].find("127.0.0.1\tlocalhost box"), std::string::npos);
  EXPECT_NE(m["nsswitch.conf"].find("passwd: files"), std::string::npos);
}

TEST(EtcFiles, RootUserIsNotDuplicated) {
  auto files = tc::sandbox::generate_etc({0, 0, "root", "/workspace", "h"});
  std::map<std::string, std::string> m(files.begin(), files.end());
  EXPECT_EQ(m["passwd"].rfind("root:x:0:0:", 0), 0u);
  EXPECT_EQ(m["passwd"].find("\nroot:"), std::string::npos);
  EXPECT_EQ(m["group"].find("\nroot:"), std::string::npos);
}
