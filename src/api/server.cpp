#include "api/server.hpp"

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <fmt/format.h>
#include <thread>

#include "api/execution_service.hpp"
#include "api/metrics.hpp"
#include "api/native_response.hpp"
#include "api/result_store.hpp"
#include "api/routes.hpp"

namespace tc::api {

namespace {

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

class HttpServer final : public Server {
 public:
  HttpServer(const ServerConfig& config, exec::Executor& executor,
             std::unique_ptr<ResultStore> store)
      : config_(config),
        store_(std::move(store)),
        service_(executor, config.limits, config.workers, config.queue, *store_, metrics_) {}

  ~HttpServer() override {
    shutdown();
    if (purger_.joinable()) purger_.join();
  }

  Result<void> bind() {
    configure();
    port_ = config_.port == 0 ? http_.bind_to_any_port(config_.host)
                              : (http_.bind_to_port(config_.host, config_.port) ? config_.port : -1);
    if (port_ <= 0)
      return make_error(Phase::setup, fmt::format("cannot listen on {}:{}", config_.host, config_.port));
    return {};
  }

  int port() const noexcept override { return port_; }

  Result<void> run() override {
    purger_ = std::thread([this] { purge_loop(); });
    const bool ok = http_.listen_after_bind();
    if (!ok && !stopping_) return make_error(Phase::setup, "HTTP listener failed");
    return {};
  }

  void shutdown() override {
    bool expected = false;
    if (!stopping_.compare_exchange_strong(expected, true)) return;
    service_.close();  // new executions → 503
    service_.drain();  // queued and in-flight work finishes; sync clients get answers
    {
      std::lock_guard lock(purge_mu_);
    }
    purge_cv_.notify_all();
    http_.stop();      // closes the listener; the pool finishes open requests and joins
  }

 private:
  void configure() {
    const std::size_t threads = config_.workers + config_.queue + 16;
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http_.set_payload_max_length(config_.limits.max_body_bytes);
    http_.set_keep_alive_max_count(10000);
    http_.set_keep_alive_timeout(2);
    http_.set_tcp_nodelay(true);  // headers and body are separate writes: no Nagle/delayed-ACK stall
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      return authorize(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                 : httplib::Server::HandlerResponse::Handled;
    });
    http_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                          httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      std::string msg = res.status == 413 ? "request body too large"
                        : res.status == 404 ? fmt::format("no route for {} {}", req.method, req.path)
                                            : fmt::format("HTTP error {}", res.status);
      const bool piston = req.path.starts_with("/api/v2/");
      res.set_content(piston ? nlohmann::json{{"message", msg}}.dump()
                             : error_json(res.status == 413 ? "payload_too_large" : "http_error", msg).dump(),
                      "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }));
    http_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      metrics_.count_request(Metrics::route_of(req.path), res.status);
    });
    register_routes(http_, service_, *store_, metrics_);
  }

  bool authorize(const httplib::Request& req, httplib::Response& res) const {
    if (!config_.token || req.path == "/healthz") return true;
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kPrefix = "Bearer ";
    if (header.starts_with(kPrefix) &&
        constant_time_equal(std::string_view(header).substr(kPrefix.size()), *config_.token))
      return true;
    res.status = 401;
    res.set_header("WWW-Authenticate", "Bearer");
    const std::string msg = header.empty() ? "missing bearer token" : "invalid bearer token";
    res.set_content(req.path.starts_with("/api/v2/") ? nlohmann::json{{"message", msg}}.dump()
                                                     : error_json("unauthorized", msg).dump(),
                    "application/json");
    return false;
  }

  void purge_loop() {
    const auto period = std::clamp<std::chrono::seconds>(config_.retention / 10,
                                                         std::chrono::seconds(1),
                                                         std::chrono::seconds(60));
    std::unique_lock lock(purge_mu_);
    do {
      const double cutoff = ResultStore::now() - static_cast<double>(config_.retention.count());
      (void)store_->purge_older_than(cutoff);
    } while (!purge_cv_.wait_for(lock, period, [this] { return stopping_.load(); }));
  }

  ServerConfig config_;
  Metrics metrics_;
  std::unique_ptr<ResultStore> store_;
  ExecutionService service_;
  httplib::Server http_;
  int port_ = -1;
  std::atomic<bool> stopping_{false};
  std::mutex purge_mu_;
  std::condition_variable purge_cv_;
  std::thread purger_;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::create(const ServerConfig& config, exec::Executor& executor) {
  if (config.workers == 0) return make_error(Phase::usage, "--workers: must be at least 1");
  auto store = ResultStore::open(config.db_path);
  if (!store) return std::unexpected(store.error());
  auto server = std::make_unique<HttpServer>(config, executor, std::move(*store));
  if (auto r = server->bind(); !r) return std::unexpected(r.error());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace tc::api
