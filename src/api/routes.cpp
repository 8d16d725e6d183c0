#include "api/routes.hpp"

#include <httplib.h>

#include <fmt/format.h>

#include "api/native_request.hpp"
#include "api/native_response.hpp"
#include "api/piston.hpp"

namespace tc::api {

namespace {

using nlohmann::json;
using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

void send(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

// Times the handler into the per-route latency histogram.
Handler timed(Metrics& metrics, std::string route, Handler h) {
  return [&metrics, route = std::move(route), h = std::move(h)](const httplib::Request& req,
                                                               httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    h(req, res);
    metrics.observe_request(
        route, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
}

// 429/503 + Retry-After; `piston` selects the error shape.
void reject(httplib::Response& res, WorkQueue::Admit why, const ExecutionService& service,
            bool piston) {
  const bool full = why == WorkQueue::Admit::full;
  const std::string msg = full ? "server busy: execution queue is full" : "server is shutting down";
  res.set_header("Retry-After", std::to_string(service.retry_after_seconds()));
  send(res, full ? 429 : 503,
       piston ? json{{"message", msg}} : error_json(full ? "overloaded" : "shutting_down", msg));
}

void execution_error(httplib::Response& res, const Error& e, bool piston) {
  const bool usage = e.phase == Phase::usage;
  const std::string msg = usage ? e.message : e.describe();
  send(res, usage ? 400 : 500,
       piston ? json{{"message", msg}} : error_json(usage ? "invalid_request" : "internal_error", msg));
}

void post_execution(const httplib::Request& req, httplib::Response& res, ExecutionService& service) {
  auto parsed = parse_native_request(req.body, service.limits());
  if (!parsed) return send(res, 400, error_json("invalid_request", parsed.error().message));
  if (parsed->async) {
    auto sub = service.submit_async(std::move(parsed->execution));
    if (sub.rejected) return reject(res, *sub.rejected, service, false);
    if (!sub.id) return execution_error(res, sub.id.error(), false);
    res.set_header("Location", "/v1/executions/" + *sub.id);
    return send(res, 202, {{"id", *sub.id}, {"state", "queued"}, {"location", "/v1/executions/" + *sub.id}});
  }
  auto run = service.run(std::move(parsed->execution));
  if (run.rejected) return reject(res, *run.rejected, service, false);
  if (!run.result) return execution_error(res, run.result.error(), false);
  send(res, 200, result_json(*run.result));
}

void get_execution(const httplib::Request& req, httplib::Response& res, ResultStore& store) {
  const std::string id = req.matches[1];
  auto rec = store.get(id);
  if (!rec) return send(res, 500, error_json("internal_error", rec.error().describe()));
  if (!*rec)
    return send(res, 404, error_json("not_found", fmt::format("no execution {} (unknown or past retention)", id)));
  const auto& r = **rec;
  json body{{"id", r.id}, {"state", r.state}, {"created", r.created},
            {"finished", r.state == "done" ? json(r.finished) : json(nullptr)}, {"result", nullptr}};
  if (r.state == "done") body["result"] = json::parse(r.result, nullptr, false);
  send(res, 200, body);
}

void piston_execute(const httplib::Request& req, httplib::Response& res, ExecutionService& service) {
  auto parsed = parse_piston_request(req.body, service.languages(), service.limits());
  if (!parsed) return send(res, 400, json{{"message", parsed.error().message}});
  auto run = service.run(std::move(*parsed));
  if (run.rejected) return reject(res, *run.rejected, service, true);
  if (!run.result) return execution_error(res, run.result.error(), true);
  send(res, 200, piston_response(*run.result));
}

}  // namespace

void register_routes(httplib::Server& http, ExecutionService& service, ResultStore& store,
                     Metrics& metrics) {
  http.Post("/v1/executions", timed(metrics, "/v1/executions", [&service](const auto& req, auto& res) {
              post_execution(req, res, service);
            }));
  http.Get("/v1/executions/([0-9a-f]{32})",
           timed(metrics, "/v1/executions/{id}",
                 [&store](const auto& req, auto& res) { get_execution(req, res, store); }));
  http.Get("/v1/languages", timed(metrics, "/v1/languages", [&service](const auto&, auto& res) {
             send(res, 200, languages_json(service.languages()));
           }));
  http.Get("/healthz", [](const auto&, auto& res) { send(res, 200, {{"status", "ok"}}); });
  http.Get("/metrics", [&service, &metrics](const auto&, auto& res) {
    res.set_content(metrics.render(service.queue_depth(), service.in_flight(), service.warm_pool()),
                    "text/plain; version=0.0.4");
  });
  http.Get("/api/v2/runtimes", timed(metrics, "/api/v2/runtimes", [&service](const auto&, auto& res) {
             send(res, 200, piston_runtimes(service.languages()));
           }));
  http.Post("/api/v2/execute", timed(metrics, "/api/v2/execute", [&service](const auto& req, auto& res) {
              piston_execute(req, res, service);
            }));
}

}  // namespace tc::api
