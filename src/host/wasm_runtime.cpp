#include "host/wasm_runtime.hpp"

#include <algorithm>
#include <array>

#include "host/output_buffer.hpp"
#include "host/tc_imports.hpp"
#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"
#include "wasm/wasi/bind.hpp"
#include "wasm/wasi/context.hpp"
#include "wasm/wasi/host.hpp"
#include "wasm/wasi/io.hpp"

namespace tc::host {
namespace {

namespace w = tc::wasm;

w::Limits store_limits(const metadata::Limits& l) {
  w::Limits lim;
  lim.max_memory_pages = l.memory_pages;
  lim.max_call_depth = l.call_depth;
  lim.max_value_stack = std::clamp<std::uint32_t>(l.call_depth * 16, 4096, 1u << 20);
  return lim;
}

std::string trap_text(const w::RunResult& r) {
  if (r.trap == w::TrapKind::host_trap && r.host_reason) return std::string("trap: ") + r.host_reason;
  return "trap: " + std::string(w::trap_message(r.trap));
}

class WasmInstance final : public Instance {
 public:
  WasmInstance(const metadata::Metadata& m, std::shared_ptr<const w::Module> module)
      : module_(std::move(module)), store_(store_limits(m.limits)), name_(m.identity.name) {}

  Result<void> init(const InstanceEnv& env) {
    wasi::WasiConfig cfg;
    cfg.args.push_back(name_);
    cfg.stdin_source = &stdin_;
    cfg.stdout_sink = &env.output->sink(1);
    cfg.stderr_sink = &env.output->sink(2);
    cfg.host = &posix_;
    auto ctx = wasi::WasiContext::create(std::move(cfg));
    if (!ctx) return std::unexpected(ctx.error());
    wasi_ = std::move(*ctx);
    w::Imports imports;
    if (auto b = wasi::bind_wasi(store_, *module_, *wasi_, imports); !b) return b;
    if (auto b = bind_tc(store_, *module_, *env.endpoints, imports); !b) return b;
    w::InstantiateOptions opts;
    opts.start_fuel = kStartSectionFuel;
    auto inst = store_.instantiate(module_, imports, opts);
    if (!inst) return std::unexpected(inst.error());
    inst_ = *inst;
    init_ = inst_->find_function("_initialize");
    start_ = inst_->find_function("start");
    loop_ = inst_->find_function("loop");
    stop_ = inst_->find_function("stop");
    main_ = inst_->find_function("_start");
    if (!loop_ && !main_)
      return make_error(Phase::config, "module exports neither 'loop' (periodic container) nor '_start' (program)");
    for (w::Function* f : {init_, start_, loop_, stop_})
      if (f && !f->type->params.empty())
        return make_error(Phase::config, "exported phase functions take no parameters");
    if (loop_ && loop_->type->results.size() > 1) return make_error(Phase::config, "'loop' returns at most one i32");
    return {};
  }

  bool one_shot() const noexcept override { return loop_ == nullptr; }

  void begin(PhaseKind phase, std::chrono::microseconds) noexcept override {
    phase_ = phase;
    queue_len_ = queue_pos_ = 0;
    if (one_shot()) {
      if (phase == PhaseKind::loop && !program_started_) {
        program_started_ = true;
        push(main_);
      } else if (phase == PhaseKind::stop && exec_) {
        exec_->reset();
      }
      return;  // a loop phase of a started program continues the suspended execution
    }
    if (exec_ && exec_->suspended()) exec_->reset();
    switch (phase) {
      case PhaseKind::start: push(init_); push(start_); break;
      case PhaseKind::loop: push(loop_); break;
      case PhaseKind::stop: push(stop_); break;
    }
  }

  StepResult step(std::uint64_t fuel) noexcept override {
    StepResult out;
    if (!exec_ || !exec_->suspended()) {
      if (queue_pos_ == queue_len_) {
        out.status = StepStatus::done;
        return out;
      }
      current_ = queue_[queue_pos_++];
      if (!exec_) exec_ = std::make_unique<w::Execution>(store_);  // stacks: on first start()
      if (auto s = exec_->start(current_, {}); !s) return fail(out, s.error().describe());
    }
    const w::RunResult r = exec_->run(fuel);
    out.fuel_used = r.fuel_used;
    switch (r.status) {
      case w::RunStatus::out_of_fuel: out.status = StepStatus::running; return out;
      case w::RunStatus::completed: return completed(out);
      case w::RunStatus::exited:
        out.exit_code = r.exit_code;
        if (r.exit_code != 0) return fail(out, "exit " + std::to_string(r.exit_code));
        out.status = phase_ == PhaseKind::stop ? StepStatus::done : StepStatus::finished;
        return out;
      case w::RunStatus::trapped: return fail(out, trap_text(r));
      default: return fail(out, "execution ended in an unexpected state");
    }
  }

  void abandon() noexcept override {
    if (exec_) exec_->reset();  // keeps the stacks for the next phase
    queue_len_ = queue_pos_ = 0;
  }
  void kill() noexcept override { finalize(); }
  void finalize() noexcept override {
    exec_.reset();
    queue_len_ = queue_pos_ = 0;
  }
  void trim() noexcept override {
    if (exec_ && !exec_->suspended()) exec_.reset();
  }
  std::size_t footprint() const noexcept override { return sizeof(*this); }

 private:
  void push(w::Function* f) noexcept {
    if (f) queue_[queue_len_++] = f;
  }
  StepResult fail(StepResult& out, std::string reason) noexcept {
    if (exec_) exec_->reset();
    queue_len_ = queue_pos_ = 0;
    out.status = StepStatus::failed;
    try { out.reason = std::move(reason); } catch (...) {}
    return out;
  }
  StepResult completed(StepResult& out) noexcept {
    const auto results = exec_->results();
    const std::int32_t rv = results.empty() ? 0 : results[0].as_i32();
    if (current_ == main_ && one_shot()) {
      out.exit_code = 0;
      out.status = StepStatus::finished;
      return out;
    }
    if (current_ == start_ && rv != 0) return fail(out, "start returned " + std::to_string(rv));
    if (current_ == loop_ && rv != 0) {
      out.status = StepStatus::finished;
      return out;
    }
    if (queue_pos_ < queue_len_) {
      out.status = StepStatus::running;
      return out;
    }
    out.status = StepStatus::done;
    return out;
  }

  std::shared_ptr<const w::Module> module_;
  wasi::BufferSource stdin_{std::string()};
  wasi::PosixHost posix_;
  std::unique_ptr<wasi::WasiContext> wasi_;
  w::Store store_;  // after wasi_: destroyed first (its host functions point at wasi_)
  std::string name_;
  w::Instance* inst_ = nullptr;
  w::Function *init_ = nullptr, *start_ = nullptr, *loop_ = nullptr, *stop_ = nullptr, *main_ = nullptr;
  std::unique_ptr<w::Execution> exec_;
  std::array<w::Function*, 2> queue_{};
  std::uint8_t queue_len_ = 0, queue_pos_ = 0;
  w::Function* current_ = nullptr;
  PhaseKind phase_ = PhaseKind::start;
  bool program_started_ = false;
};

}  // namespace

Result<std::unique_ptr<Instance>> WasmRuntime::create(const metadata::Metadata& metadata,
                                                      std::span<const std::uint8_t> code,
                                                      std::span<const std::uint8_t>, const InstanceEnv& env) {
  if (!env.endpoints || !env.output) return make_error(Phase::internal, "wasm runtime: missing environment");
  auto module = w::load_module(code, store_limits(metadata.limits));
  if (!module) return std::unexpected(module.error());
  auto inst = std::make_unique<WasmInstance>(metadata, std::move(*module));
  if (auto r = inst->init(env); !r) return std::unexpected(r.error());
  return std::unique_ptr<Instance>(std::move(inst));
}

}  // namespace tc::host
