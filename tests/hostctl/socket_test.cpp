// The Unix-socket control server and client (control_server.hpp, control_client.hpp)
// against a fake host: round trips, size limit, socket mode, stale/live socket handling.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fake_host.hpp"
#include "common/write_all.hpp"
#include "host/daemon/control_client.hpp"
#include "host/daemon/control_server.hpp"
#include "host/daemon/unix_socket.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

class Socket : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tc-hostctl-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "host.sock").string();
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  void serve(std::size_t max_request = 4096) {
    tc::hostd::ServerConfig cfg;
    cfg.path = path_;
    cfg.max_request_bytes = max_request;
    auto s = tc::hostd::ControlServer::start(cfg, proto_, stopping_);
    ASSERT_TRUE(s) << s.error().describe();
    server_ = std::move(*s);
  }
  json ask(const json& r) {
    auto resp = tc::hostd::request(path_, r, 5s);
    EXPECT_TRUE(resp) << resp.error().describe();
    return resp ? *resp : json();
  }
  fs::path dir_;
  std::string path_;
  tc::test::FakeHost host_;
  std::atomic<bool> stopping_{false};
  tc::hostd::ControlProtocol proto_{host_, nullptr, &stopping_};
  std::unique_ptr<tc::hostd::ControlServer> server_;
};

TEST_F(Socket, ServesRequestsAndTheSocketIsMode0600) {
  serve();
  struct stat st{};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto r = ask({{"op", "list"}});
  EXPECT_TRUE(r["ok"]) << r;
  EXPECT_TRUE(r["containers"].empty());
  // Several requests on one connection, answered in order.
  auto fd = tc::hostd::connect_unix(path_);
  ASSERT_TRUE(fd);
  ASSERT_TRUE(tc::send_all(fd->get(), "{\"op\":\"list\"}\n{\"op\":\"nope\"}\n"));
  std::string buf;
  auto l1 = tc::hostd::read_line(fd->get(), buf, 1 << 20, 5s, -1);
  auto l2 = tc::hostd::read_line(fd->get(), buf, 1 << 20, 5s, -1);
  ASSERT_TRUE(l1 && l2);
  EXPECT_TRUE(json::parse(*l1)["ok"]);
  EXPECT_FALSE(json::parse(*l2)["ok"]);
  server_.reset();
  EXPECT_FALSE(fs::exists(path_)) << "the socket file must be removed at shutdown";
}

TEST_F(Socket, OversizeRequestIsRefusedAndChangesNothing) {
  serve(1024);
  std::string big = R"({"op":"load","metadata":"e30=","code":")" + std::string(4000, 'A') + "\"}";
  auto fd = tc::hostd::connect_unix(path_);
  ASSERT_TRUE(fd);
  ASSERT_TRUE(tc::send_all(fd->get(), big + "\n"));
  std::string buf;
  auto line = tc::hostd::read_line(fd->get(), buf, 1 << 20, 5s, -1);
  ASSERT_TRUE(line) << line.error().describe();
  auto r = json::parse(*line);
  EXPECT_FALSE(r["ok"]);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("exceeds the limit of 1024"),
            std::string::npos) << r;
  // The server closed the connection: the rest of the stream is never parsed.
  auto next = tc::hostd::read_line(fd->get(), buf, 1 << 20, 5s, -1);
  EXPECT_FALSE(next);
  EXPECT_TRUE(host_.calls().empty());
  EXPECT_TRUE(ask({{"op", "list"}})["ok"]);  // the server still serves others
}

TEST_F(Socket, StaleSocketIsReplacedLiveSocketAndOtherFilesAreNot) {
  {
    auto stale = tc::hostd::listen_unix(path_, 1);  // bound, then closed: nobody listens
    ASSERT_TRUE(stale);
  }
  ASSERT_TRUE(fs::exists(path_));
  serve();  // replaces the stale one
  EXPECT_TRUE(ask({{"op", "list"}})["ok"]);
  auto second = tc::hostd::listen_unix(path_, 1);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("another daemon"), std::string::npos);
  EXPECT_TRUE(ask({{"op", "list"}})["ok"]) << "the live daemon's socket must survive";
  std::string file = (dir_ / "plain").string();
  std::ofstream(file) << "keep me";
  auto third = tc::hostd::listen_unix(file, 1);
  ASSERT_FALSE(third);
  EXPECT_NE(third.error().message.find("not a socket"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(file));
}

TEST_F(Socket, ShutdownEndsAPendingWaitPromptly) {
  serve();
  ASSERT_TRUE(ask({{"op", "load"}, {"metadata", "eyJ1aWQiOiJ3In0="}, {"code", "AGFzbQEAAAA="},
                   {"start", true}})["ok"]);
  std::thread client([&] {
    auto r = tc::hostd::request(path_, {{"op", "wait"}, {"uid", "w"}}, 10s);
    // Either the daemon answered "shutting down" or closed the connection: never a hang.
    if (r) {
      EXPECT_FALSE((*r)["ok"]);
    }
  });
  std::this_thread::sleep_for(100ms);
  auto t0 = std::chrono::steady_clock::now();
  server_.reset();
  client.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
}

TEST(PeerAuthorization, OnlyRootAndTheDaemonsUid) {
  EXPECT_TRUE(tc::hostd::peer_authorized(0, 1000));
  EXPECT_TRUE(tc::hostd::peer_authorized(1000, 1000));
  EXPECT_FALSE(tc::hostd::peer_authorized(1001, 1000));
  EXPECT_FALSE(tc::hostd::peer_authorized(65534, 0));
}

}  // namespace
