// tinycontainer api — the HTTP service (`tinycontainer serve`, docs/API.md).
//
// Contract:
//  * Routes: POST /v1/executions, GET /v1/executions/{id}, GET /v1/languages, GET /healthz,
//    GET /metrics; Piston v2: GET /api/v2/runtimes, POST /api/v2/execute.
//  * With a token, every route but /healthz requires "Authorization: Bearer <token>" (401
//    otherwise, checked before the body is read). Bodies above limits.max_body_bytes → 413.
//  * Executions run on a pool of `workers` threads with a queue of `queue` waiting jobs;
//    beyond that → 429 with Retry-After; after shutdown() began → 503 with Retry-After.
//  * shutdown() (thread-safe, idempotent; called from the signal thread): stop admitting,
//    drain queued and in-flight executions (synchronous clients get their answers), then
//    stop the listener and join every thread. run() returns after that.
//  * Asynchronous records live in the SQLite file `db_path` and are purged `retention`
//    after creation, checked at start and every retention/10 (at most every minute).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "api/limits.hpp"
#include "common/error.hpp"
#include "executor/executor.hpp"

namespace tc::api {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;                // 0 = pick a free port (see Server::port())
  unsigned workers = 2;
  std::size_t queue = 64;
  std::optional<std::string> token;
  std::string db_path = ":memory:";
  std::chrono::seconds retention{24 * 3600};
  ServerLimits limits;
};

class Server {
 public:
  // Binds the listening socket and opens the store; nothing is served until run().
  [[nodiscard]] static Result<std::unique_ptr<Server>> create(const ServerConfig& config,
                                                              exec::Executor& executor);
  virtual ~Server() = default;
  [[nodiscard]] virtual int port() const noexcept = 0;
  // Serves until shutdown(); returns after the drain.
  [[nodiscard]] virtual Result<void> run() = 0;
  virtual void shutdown() = 0;
};

}  // namespace tc::api
