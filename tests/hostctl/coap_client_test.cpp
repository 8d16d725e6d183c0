// CoAP control through libcoap's own client (coap-client-notls from libcoap3-bin): a
// client we did not write loads (CBOR body, block-wise), starts, queries, stops and
// deletes containers; malformed requests get 4.xx and change nothing.
#include <nlohmann/json.hpp>

#include "daemon_fixture.hpp"

namespace {

using tc::test::CliResult;
using tc::test::Daemon;
using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kCoapClient = "/usr/bin/coap-client-notls";

class Coap : public Daemon {
 protected:
  void SetUp() override {
    if (!fs::exists(kCoapClient)) GTEST_SKIP() << "libcoap3-bin (coap-client-notls) not installed";
    Daemon::SetUp();
  }
  // Runs coap-client; libcoap prints the payload on stdout and error codes ("4.04 ...")
  // on stderr, exit status 0 either way.
  CliResult coap(std::vector<std::string> args) {
    fs::create_directories(dir_ / "coap");
    pid_t pid = ::fork();
    if (pid == 0) {
      int out = ::open((dir_ / "coap" / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = ::open((dir_ / "coap" / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(out, 1);
      ::dup2(err, 2);
      std::vector<char*> argv{const_cast<char*>(kCoapClient), const_cast<char*>("-B"),
                              const_cast<char*>("5")};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(kCoapClient, argv.data());
      ::_exit(127);
    }
    return tc::test::finish_cli(pid, dir_ / "coap");
  }
  std::string body_file(const json& body, const std::string& name, bool cbor) {
    auto path = (dir_ / name).string();
    std::ofstream out(path, std::ios::binary);
    if (cbor) {
      auto bytes = json::to_cbor(body);
      out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    } else {
      out << body.dump();
    }
    return path;
  }
  static std::vector<std::uint8_t> file_bytes(const std::string& p) {
    std::string s = tc::test::slurp(p);
    return {s.begin(), s.end()};
  }
};

TEST_F(Coap, LoadStartStatusStopDeleteWithCoapClient) {
  json body{{"metadata", json::binary(file_bytes(meta("sensor_sampler.json")))},
            {"code", json::binary(file_bytes(example("sensor_sampler.wasm")))}};
  auto file = body_file(body, "load.cbor", true);
  ASSERT_GT(fs::file_size(file), 4096u) << "the body must need block-wise transfer";
  auto created = coap({"-m", "post", "-t", "60", "-A", "50", "-f", file, coap_uri("/container")});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto j = json::parse(created.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << created.out << created.err;
  EXPECT_EQ(j["uid"], "sensor-sampler");
  EXPECT_EQ(j["status"]["state"], "loaded");

  auto started = coap({"-m", "post", "-A", "50", coap_uri("/container/sensor-sampler/start")});
  EXPECT_EQ(json::parse(started.out, nullptr, false)["state"], "running") << started.out << started.err;
  auto status = coap({"-m", "get", "-A", "50", coap_uri("/container/sensor-sampler")});
  EXPECT_EQ(json::parse(status.out, nullptr, false)["uid"], "sensor-sampler") << status.out;
  // The daemon's Unix-socket view agrees.
  EXPECT_EQ(ctl_json({"status", "sensor-sampler"})["status"]["state"], "running");
  auto list = coap({"-m", "get", "-A", "50", coap_uri("/container")});
  EXPECT_EQ(json::parse(list.out, nullptr, false).size(), 1u) << list.out;
  auto stopped = coap({"-m", "post", "-A", "50", coap_uri("/container/sensor-sampler/stop")});
  EXPECT_EQ(json::parse(stopped.out, nullptr, false)["state"], "stopped") << stopped.out;
  auto deleted = coap({"-m", "delete", coap_uri("/container/sensor-sampler")});
  EXPECT_EQ(deleted.err.find("4."), std::string::npos) << deleted.err;
  EXPECT_TRUE(ctl_json({"list"})["containers"].empty());
  auto gone = coap({"-m", "get", coap_uri("/container/sensor-sampler")});
  EXPECT_NE(gone.err.find("4.04"), std::string::npos) << gone.out << gone.err;
}

TEST_F(Coap, JsonBodyAndErrorsChangeNothing) {
  // JSON body (Content-Format 50) with base64 bytes, started in the same request.
  std::string m = tc::test::slurp(meta("consumer.json"));
  json body{{"metadata", m}, {"code", ""}, {"start", true}};
  auto bad_code = coap({"-m", "post", "-t", "50", "-f", body_file(body, "bad.json", false),
                        coap_uri("/container")});
  EXPECT_NE(bad_code.err.find("4.00"), std::string::npos) << bad_code.err;  // not base64 metadata
  auto garbage = coap({"-m", "post", "-t", "60", "-e", "not cbor", coap_uri("/container")});
  EXPECT_NE(garbage.err.find("4.00"), std::string::npos) << garbage.err;
  auto wrong_format = coap({"-m", "post", "-t", "0", "-e", "{}", coap_uri("/container")});
  EXPECT_NE(wrong_format.err.find("4.15"), std::string::npos) << wrong_format.err;
  auto no_such = coap({"-m", "post", coap_uri("/container/ghost/start")});
  EXPECT_NE(no_such.err.find("4.04"), std::string::npos) << no_such.err;
  EXPECT_TRUE(ctl_json({"list"})["containers"].empty()) << "refused requests changed nothing";

  ASSERT_EQ(load("consumer.json", "consumer.wasm", false).exit_code, 0);
  auto invalid = coap({"-m", "post", coap_uri("/container/consumer/resume")});
  EXPECT_NE(invalid.err.find("4.09"), std::string::npos) << invalid.err;
  EXPECT_EQ(ctl_json({"status", "consumer"})["status"]["state"], "loaded");
}

}  // namespace
