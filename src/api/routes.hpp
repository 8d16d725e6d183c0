// tinycontainer api — the HTTP routes (native /v1 and Piston /api/v2) on an httplib server.
//
// Contract: register_routes() installs every route of docs/API.md on `http`. Handlers
// never throw and always answer JSON (Prometheus text for /metrics). Native errors are
// {error, message}; Piston errors are {message} with status 400 as in Piston.
// Admission: 429 (queue full) and 503 (shutting down) carry Retry-After.
#pragma once

#include "api/execution_service.hpp"
#include "api/metrics.hpp"
#include "api/result_store.hpp"

namespace httplib {
class Server;
}

namespace tc::api {

void register_routes(httplib::Server& http, ExecutionService& service, ResultStore& store,
                     Metrics& metrics);

}  // namespace tc::api
