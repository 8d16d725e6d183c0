#include "host/daemon/coap_server.hpp"

#include <arpa/inet.h>
#include <coap3/coap.h>
#include <netdb.h>

#include <cstring>
#include <vector>

namespace tc::hostd {
namespace {

// "127.0.0.1:5683" / "[::1]:5683" → a coap_address_t (numeric only: no DNS here).
Result<coap_address_t> parse_address(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size())
    return make_error(Phase::usage, "--coap '" + text + "': expected ADDR:PORT");
  std::string host = text.substr(0, colon);
  std::string port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* res = nullptr;
  if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0 || !res)
    return make_error(Phase::usage, "--coap '" + text + "': not a numeric address and port");
  coap_address_t a;
  coap_address_init(&a);
  a.size = res->ai_addrlen;
  std::memcpy(&a.addr, res->ai_addr, res->ai_addrlen);
  ::freeaddrinfo(res);
  return a;
}

std::optional<std::uint16_t> uint_option(const coap_pdu_t* pdu, coap_option_num_t num) {
  coap_opt_iterator_t it;
  coap_opt_t* opt = coap_check_option(pdu, num, &it);
  if (!opt) return std::nullopt;
  return static_cast<std::uint16_t>(coap_decode_var_bytes(coap_opt_value(opt), coap_opt_length(opt)));
}

std::vector<std::string> path_of(const coap_pdu_t* pdu) {
  std::vector<std::string> out;
  coap_opt_iterator_t it;
  coap_option_iterator_init(pdu, &it, COAP_OPT_ALL);
  while (coap_opt_t* opt = coap_option_next(&it)) {
    if (it.number != COAP_OPTION_URI_PATH) continue;
    out.emplace_back(reinterpret_cast<const char*>(coap_opt_value(opt)), coap_opt_length(opt));
  }
  return out;
}

std::optional<CoapMethod> method_of(const coap_pdu_t* pdu) {
  switch (coap_pdu_get_code(pdu)) {
    case COAP_REQUEST_CODE_GET: return CoapMethod::get;
    case COAP_REQUEST_CODE_POST: return CoapMethod::post;
    case COAP_REQUEST_CODE_PUT: return CoapMethod::put;
    case COAP_REQUEST_CODE_DELETE: return CoapMethod::del;
    default: return std::nullopt;
  }
}

void release_payload(coap_session_t*, void* app_ptr) {
  delete static_cast<std::vector<std::uint8_t>*>(app_ptr);
}

void handler(coap_resource_t* resource, coap_session_t* session, const coap_pdu_t* request,
             const coap_string_t* query, coap_pdu_t* response) {
  auto* routes = static_cast<CoapRoutes*>(coap_resource_get_userdata(resource));
  CoapRequest req;
  auto method = method_of(request);
  if (!method) {
    coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(COAP_RESPONSE_CODE(405)));
    return;
  }
  req.method = *method;
  req.path = path_of(request);
  req.content_format = uint_option(request, COAP_OPTION_CONTENT_FORMAT);
  req.accept = uint_option(request, COAP_OPTION_ACCEPT);
  size_t len = 0, offset = 0, total = 0;
  const uint8_t* data = nullptr;
  if (coap_get_data_large(request, &len, &data, &offset, &total) && data)
    req.payload = std::span<const std::uint8_t>(data, len);
  CoapReply reply;
  try {
    reply = routes->handle(req);
  } catch (const std::exception& e) {  // std::bad_alloc: answer 5.00, keep the loop alive
    reply = CoapReply{500, std::nullopt, {}};
  }
  coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(COAP_RESPONSE_CODE(reply.code)));
  if (reply.payload.empty()) return;
  if (!reply.content_format) {  // diagnostic payload: short text, fits one PDU
    coap_add_data(response, std::min<size_t>(reply.payload.size(), 512), reply.payload.data());
    return;
  }
  auto* owned = new std::vector<std::uint8_t>(std::move(reply.payload));
  coap_add_data_large_response(resource, session, request, response, query, *reply.content_format,
                               -1, 0, owned->size(), owned->data(), release_payload, owned);
}

void add_resource(coap_context_t* ctx, coap_resource_t* r, CoapRoutes& routes) {
  coap_resource_set_userdata(r, &routes);
  for (auto m : {COAP_REQUEST_GET, COAP_REQUEST_POST, COAP_REQUEST_PUT, COAP_REQUEST_DELETE})
    coap_register_handler(r, m, handler);
  coap_add_resource(ctx, r);
}

}  // namespace

Result<std::unique_ptr<CoapServer>> CoapServer::start(const std::string& address, CoapRoutes& routes) {
  auto addr = parse_address(address);
  if (!addr) return std::unexpected(addr.error());
  coap_startup();
  coap_set_log_level(LOG_WARNING);
  coap_context_t* ctx = coap_new_context(nullptr);
  if (!ctx) return make_error(Phase::setup, "coap_new_context failed");
  coap_context_set_block_mode(ctx, COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY);
  if (!coap_new_endpoint(ctx, &*addr, COAP_PROTO_UDP)) {
    coap_free_context(ctx);
    return make_error(Phase::setup, "CoAP: cannot bind UDP " + address + " (in use or not local)");
  }
  add_resource(ctx, coap_resource_init(coap_make_str_const("container"), 0), routes);
  add_resource(ctx, coap_resource_init(coap_make_str_const("reconfigure"), 0), routes);
  add_resource(ctx, coap_resource_unknown_init2(handler, 0), routes);  // /container/{uid}/...
  int port = ntohs(addr->addr.sa.sa_family == AF_INET6 ? addr->addr.sin6.sin6_port
                                                       : addr->addr.sin.sin_port);
  std::unique_ptr<CoapServer> s(new CoapServer(ctx, port));
  s->loop_ = std::thread([p = s.get()] {
    while (!p->stop_.load()) coap_io_process(p->ctx_, 100);
  });
  return s;
}

CoapServer::~CoapServer() {
  stop_.store(true);
  if (loop_.joinable()) loop_.join();
  coap_free_context(ctx_);
}

}  // namespace tc::hostd
