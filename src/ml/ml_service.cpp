// The `ml` host service (see ml_service.hpp).
#include "ml/ml_service.hpp"

#include <string>

#include "ml/request.hpp"

namespace tc::ml {
namespace {

class MlSession final : public host::Session {
 public:
  MlSession(MlService& service, std::string uid) : service_(service), uid_(std::move(uid)) {}
  std::int32_t call(std::span<std::uint8_t> guest, std::span<const std::uint8_t> request,
                    std::span<std::uint8_t> response) override {
    return service_.infer(uid_, guest, request, response);
  }

 private:
  MlService& service_;
  std::string uid_;
};

}  // namespace

host::OpenResult MlService::open(const host::OpenRequest& request) {
  // An inference sends a request and receives the output: the grant must say `both`
  // (an `out`-only grant would only ever get an empty response from the dispatcher).
  if (request.grant.direction != metadata::Direction::both) return {nullptr, host::abi::kWrongDirection};
  return {std::make_unique<MlSession>(*this, std::string(request.container_uid)), host::abi::kOk};
}

std::int32_t MlService::infer(std::string_view uid, std::span<std::uint8_t> guest,
                              std::span<const std::uint8_t> request, std::span<std::uint8_t> response) {
  namespace abi = host::abi;
  const auto req = parse_request(request);
  if (!req) return reject(abi::kInvalid);
  const std::span<const std::uint8_t> mem(guest.data(), guest.size());
  const auto model = slice(mem, req->model_offset, req->model_len);
  const auto input = slice(mem, req->input_offset, req->input_len);
  if (!model || !input) return reject(abi::kBadMemory);
  if (model->size() > limits_.max_model_bytes) return reject(abi::kTooBig);

  Plan* plan = cache_.find(uid, *model);
  std::unique_ptr<Plan> uncached;
  if (plan != nullptr) {
    ++stats_.cache_hits;
  } else {
    auto loaded = load_model(*model, limits_);
    if (!loaded) return reject(abi::kInvalid);
    ++stats_.compiles;
    uncached = std::move(*loaded);
    plan = cache_.insert(uid, *model, uncached);
    if (plan == nullptr) plan = uncached.get();  // too large to cache: runs once
  }
  if (input->size() != plan->input_bytes()) return reject(abi::kInvalid);
  if (response.size() < plan->output_bytes()) return reject(abi::kTooBig);
  // The input may overlap the response buffer (both are guest memory): Plan::run copies
  // the input into its arena before writing the output.
  if (!plan->run(*input, response)) return reject(abi::kInvalid);
  ++stats_.inferences;
  return static_cast<std::int32_t>(plan->output_bytes());
}

std::unique_ptr<host::Service> make_ml_service(Limits limits) {
  return std::make_unique<MlService>(limits);
}

}  // namespace tc::ml
