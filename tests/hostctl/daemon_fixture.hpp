// Test fixture: a real `tinycontainer host` daemon in a scratch directory (socket, state
// dir, a free loopback UDP port for CoAP), the `ctl` CLI against it, and the example
// containers (<build>/examples/*.wasm, examples/metadata/*.json).
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli_runner.hpp"

namespace tc::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

inline int free_udp_port() {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

class Daemon : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(example("consumer.wasm")))
      GTEST_SKIP() << "example containers not built (clang + wasi-libc missing)";
    dir_ = scratch_dir();
    ::chmod(dir_.c_str(), 0755);
    socket_ = (dir_ / "host.sock").string();
    state_ = (dir_ / "state").string();
    coap_port_ = free_udp_port();
    start_daemon();
  }
  void TearDown() override {
    if (pid_ > 0) {
      auto r = stop_daemon();
      EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
      EXPECT_FALSE(fs::exists(socket_)) << "socket left behind";
    }
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  void start_daemon(std::vector<std::string> extra = {}) {
    fs::create_directories(dir_ / "daemon");
    std::vector<std::string> args{"host", "--socket", socket_, "--state-dir", state_, "--coap",
                                  "127.0.0.1:" + std::to_string(coap_port_)};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = start_cli(args, dir_ / "daemon");
    for (int i = 0; i < 200 && !fs::exists(socket_); ++i) std::this_thread::sleep_for(25ms);
    ASSERT_TRUE(fs::exists(socket_)) << slurp(dir_ / "daemon" / "err");
    std::this_thread::sleep_for(50ms);  // the CoAP endpoint is bound right after the socket
  }
  CliResult stop_daemon() {
    ::kill(pid_, SIGTERM);
    CliResult r = finish_cli(pid_, dir_ / "daemon");
    pid_ = -1;
    return r;
  }
  CliResult ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {"ctl", "--socket", socket_});
    fs::create_directories(dir_ / "ctl");
    return finish_cli(start_cli(args, dir_ / "ctl"), dir_ / "ctl");
  }
  nlohmann::json ctl_json(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    auto r = ctl(std::move(args));
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
    return j;
  }
  static std::string example(const std::string& file) {
    return std::string(TC_EXAMPLES_DIR) + "/" + file;
  }
  static std::string meta(const std::string& file) {
    return std::string(TC_SOURCE_DIR) + "/examples/metadata/" + file;
  }
  CliResult load(const std::string& json, const std::string& wasm, bool start = true) {
    std::vector<std::string> a{"load", meta(json), example(wasm)};
    if (start) a.push_back("--start");
    return ctl(a);
  }
  std::vector<std::string> log_lines(const std::string& uid) {
    return ctl_json({"logs", uid})["lines"].get<std::vector<std::string>>();
  }
  std::string coap_uri(const std::string& path) {
    return "coap://127.0.0.1:" + std::to_string(coap_port_) + path;
  }

  fs::path dir_;
  std::string socket_, state_;
  int coap_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace tc::test
