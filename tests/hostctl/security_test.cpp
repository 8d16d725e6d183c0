// The control socket refuses what it must, and a refused request changes nothing:
// malformed and oversize requests, and a peer that is neither root nor the daemon's uid
// (a user made with useradd for the test, removed afterwards).
#include <sys/socket.h>
#include <sys/un.h>

#include "daemon_fixture.hpp"
#include "common/write_all.hpp"
#include "host/daemon/unix_socket.hpp"

namespace {

using tc::test::Daemon;
using nlohmann::json;
using namespace std::chrono_literals;

std::string exchange_raw(const std::string& path, const std::string& bytes) {
  auto fd = tc::hostd::connect_unix(path);
  if (!fd) return "connect: " + fd.error().describe();
  if (!tc::send_all(fd->get(), bytes)) return "send failed";
  std::string buf;
  auto line = tc::hostd::read_line(fd->get(), buf, 1 << 20, 10s, -1);
  return line ? *line : "no answer: " + line.error().describe();
}

TEST_F(Daemon, MalformedAndOversizeRequestsChangeNothing) {
  ASSERT_EQ(load("consumer.json", "consumer.wasm").exit_code, 0);
  const json before = ctl_json({"list"})["containers"];
  for (const std::string bad :
       {"hello\n", "{\"op\":\"remove\"}\n", "{\"op\":\"remove\",\"uid\":\"consumer\",\"x\":1}\n",
        "{\"op\":\"stop\",\"uid\":7}\n", "{\"op\":\"load\",\"metadata\":\"%%\",\"code\":\"AA==\"}\n",
        "\xff\xfe{\n"}) {
    auto r = json::parse(exchange_raw(socket_, bad), nullptr, false);
    ASSERT_FALSE(r.is_discarded()) << bad;
    EXPECT_FALSE(r["ok"]) << bad;
    EXPECT_EQ(r["error"]["phase"], "usage") << r;
  }
  // Larger than the 48 MiB request limit: refused before parsing, connection closed.
  std::string huge = "{\"op\":\"load\",\"metadata\":\"" + std::string((48u << 20) + 16, 'A');
  auto r = json::parse(exchange_raw(socket_, huge), nullptr, false);
  ASSERT_FALSE(r.is_discarded());
  EXPECT_NE(r["error"]["message"].get<std::string>().find("exceeds the limit"), std::string::npos) << r;
  auto after = ctl_json({"list"})["containers"];
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after[0]["uid"], "consumer");
  EXPECT_EQ(after[0]["state"], "running");
  EXPECT_EQ(after[0]["revision"], before[0]["revision"]);
}

class Peer : public Daemon {
 protected:
  static constexpr const char* kUser = "tc-hostctl-peer";
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to create the test user";
    if (std::system("command -v useradd >/dev/null") != 0) GTEST_SKIP() << "no useradd";
    (void)std::system((std::string("userdel ") + kUser + " 2>/dev/null").c_str());
    (void)std::system((std::string("useradd -M -r -s /usr/sbin/nologin ") + kUser).c_str());
    FILE* p = ::popen((std::string("id -u ") + kUser).c_str(), "r");
    if (!p || std::fscanf(p, "%d", &uid_) != 1) uid_ = -1;
    if (p) ::pclose(p);
    ASSERT_GT(uid_, 0);
    Daemon::SetUp();
  }
  void TearDown() override {
    Daemon::TearDown();
    (void)std::system((std::string("userdel ") + kUser + " 2>/dev/null").c_str());
  }
  // As the test user: connect, send `request`, report what happened on one line.
  std::string as_peer(const std::string& request) {
    int pipefd[2];
    if (::pipe(pipefd) != 0) return "pipe";
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(pipefd[0]);
      std::string out;
      if (::setgroups(0, nullptr) != 0 || ::setresgid(uid_, uid_, uid_) != 0 ||
          ::setresuid(uid_, uid_, uid_) != 0) {
        out = "setuid failed";
      } else {
        auto fd = tc::hostd::connect_unix(socket_);
        if (!fd) {
          out = fd.error().sys_errno == EACCES ? "EACCES" : fd.error().describe();
        } else {
          (void)tc::send_all(fd->get(), request + "\n");
          std::string buf;
          auto line = tc::hostd::read_line(fd->get(), buf, 1 << 20, 5s, -1);
          out = line ? *line : "closed";
        }
      }
      (void)!::write(pipefd[1], out.data(), out.size());
      ::_exit(0);
    }
    ::close(pipefd[1]);
    std::string out;
    char b[4096];
    ssize_t n;
    while ((n = ::read(pipefd[0], b, sizeof b)) > 0) out.append(b, static_cast<std::size_t>(n));
    ::close(pipefd[0]);
    ::waitpid(pid, nullptr, 0);
    return out;
  }
  int uid_ = -1;
};

TEST_F(Peer, UnauthorizedUserCannotControlTheHost) {
  ASSERT_EQ(load("consumer.json", "consumer.wasm").exit_code, 0);
  const std::string remove = R"({"op":"remove","uid":"consumer"})";
  // The socket is 0600 root: the kernel refuses the connection.
  EXPECT_EQ(as_peer(remove), "EACCES");
  // Even if the socket's mode were widened by mistake, SO_PEERCRED refuses the peer before
  // reading any request.
  ASSERT_EQ(::chmod(socket_.c_str(), 0666), 0);
  auto r = json::parse(as_peer(remove), nullptr, false);
  ASSERT_FALSE(r.is_discarded());
  EXPECT_FALSE(r["ok"]);
  EXPECT_EQ(r["error"]["phase"], "security");
  EXPECT_NE(r["error"]["message"].get<std::string>().find("uid " + std::to_string(uid_)),
            std::string::npos) << r;
  auto st = ctl_json({"status", "consumer"});
  EXPECT_EQ(st["status"]["state"], "running") << "the refused request changed nothing";
}

}  // namespace
