#include "host/manager.hpp"

#include <algorithm>

#include "host/lifecycle.hpp"
#include "metadata/reconfiguration_codec.hpp"

namespace tc::host {

namespace md = tc::metadata;

Manager::Manager(HostConfig config, ServiceRouter router, RuntimeRegistry runtimes)
    : config_(std::move(config)), router_(std::move(router)), runtimes_(std::move(runtimes)),
      runtime_types_(runtimes_.types()) {
  scheduler_ = std::thread([this] { run_scheduler(); });
}

Manager::~Manager() {
  {
    std::lock_guard control(control_mu_);
    auto service = lock_service();
    std::unique_lock lock(mu_);
    for (auto& [uid, c] : containers_)
      if (c->state == State::running || c->state == State::suspended)
        request_stop_locked(*c, State::stopped, "");
    service.unlock();
    changed_.wait(lock, [&] {
      return std::none_of(containers_.begin(), containers_.end(), [](const auto& e) {
        return e.second->state == State::running || e.second->state == State::suspended;
      });
    });
    shutdown_ = true;
  }
  wake_.notify_all();
  scheduler_.join();
  auto service = lock_service();
  containers_.clear();  // instances, then sessions (endpoint tables), before the services
}

Result<md::Metadata> Manager::parse(const LoadRequest& request) {
  auto loaded = md::load_metadata(request.metadata, config_.keys, config_.policy, runtime_types_);
  if (!loaded) return std::unexpected(loaded.error());
  if (auto v = md::verify_blob(loaded->metadata, md::Blob::code, request.code); !v) return std::unexpected(v.error());
  if (!request.data.empty() || loaded->metadata.integrity.data_sha256)
    if (auto v = md::verify_blob(loaded->metadata, md::Blob::data, request.data); !v) return std::unexpected(v.error());
  return std::move(loaded->metadata);
}

Result<void> Manager::instantiate(Container& c) {
  c.instance.reset();
  c.endpoints = std::make_unique<EndpointTable>(
      c.uid, c.meta.limits, std::make_shared<const md::PermissionTable>(md::PermissionTable::build(c.meta.endpoints)),
      router_, epoch_);
  InstanceEnv env{c.endpoints.get(), c.output.get(), config_.tinycontainer_path};
  auto inst = c.runtime->create(c.meta, c.code, c.data, env);
  if (!inst) return std::unexpected(inst.error());
  c.instance = std::move(*inst);
  return {};
}

Container* Manager::find_locked(std::string_view uid) {
  auto it = containers_.find(uid);
  return it == containers_.end() ? nullptr : it->second.get();
}

Result<Container*> Manager::get_locked(std::string_view uid) {
  Container* c = find_locked(uid);
  if (!c) return make_error(Phase::usage, "no container '" + std::string(uid) + "'");
  return c;
}

Result<std::string> Manager::load(const LoadRequest& request) {
  std::lock_guard control(control_mu_);
  auto meta = parse(request);
  if (!meta) return std::unexpected(meta.error());
  {
    std::lock_guard lock(mu_);
    if (find_locked(meta->identity.uid))
      return make_error(Phase::usage, "container '" + meta->identity.uid + "' is already loaded (update or remove it)");
  }
  auto c = std::make_unique<Container>();
  c->uid = meta->identity.uid;
  c->meta = std::move(*meta);
  c->active = c->meta.scheduling;
  c->code = request.code;
  c->data = request.data;
  c->runtime = runtimes_.find(c->meta.identity.runtime);
  if (!c->runtime) return make_error(Phase::config, "no runtime '" + c->meta.identity.runtime + "'");
  c->output = std::make_unique<OutputBuffer>();
  auto service = lock_service();
  if (auto r = instantiate(*c); !r) return std::unexpected(r.error());
  std::lock_guard lock(mu_);
  std::string uid = c->uid;
  containers_.emplace(uid, std::move(c));
  changed_.notify_all();
  return uid;
}

void Manager::start_locked(Container& c, Clock::time_point now) {
  c.state = State::running;
  c.active = c.meta.scheduling;
  c.next_release = now;
  c.job_continues = false;
  begin_job_locked(c, Job::start);
  make_ready_locked(c, now);
  wake_.notify_one();
  changed_.notify_all();
}

Result<void> Manager::start(std::string_view uid) {
  std::lock_guard control(control_mu_);
  auto service = lock_service();
  std::unique_lock lock(mu_);
  auto c = get_locked(uid);
  if (!c) return std::unexpected(c.error());
  Container& k = **c;
  if (auto t = check_transition(uid, k.state, Operation::start); !t) return t;
  if (k.state != State::loaded || !k.instance) {
    // A restart gets a fresh instance, fresh sessions and fresh statistics.
    k.output->clear();
    if (auto r = instantiate(k); !r) return r;
  }
  k.stats = {};
  k.loop_us_total = 0;
  k.last_error.clear();
  k.exit_code.reset();
  start_locked(k, Clock::now());
  return {};
}

void Manager::request_stop_locked(Container& c, State target, std::string reason) {
  if (c.job == Job::stop) return;  // already stopping: the first request decides
  unqueue_locked(c);
  if (c.job != Job::none && c.job != Job::stop) c.instance->abandon();
  c.stop_target = target;
  if (!reason.empty()) c.last_error = std::move(reason);
  if (c.state == State::suspended) c.state = State::running;  // the stop job runs now
  c.job_continues = false;
  begin_job_locked(c, Job::stop);
  make_ready_locked(c, Clock::now());
  wake_.notify_one();
}

void Manager::wait_terminal(std::unique_lock<std::mutex>& lock, const std::string& uid) {
  changed_.wait(lock, [&] {
    Container* c = find_locked(uid);
    return !c || (c->state != State::running && c->state != State::suspended);
  });
}

Result<void> Manager::stop(std::string_view uid) {
  std::lock_guard control(control_mu_);
  auto service = lock_service();
  std::unique_lock lock(mu_);
  auto c = get_locked(uid);
  if (!c) return std::unexpected(c.error());
  if (auto t = check_transition(uid, (*c)->state, Operation::stop); !t) return t;
  request_stop_locked(**c, State::stopped, "");
  service.unlock();
  wait_terminal(lock, std::string(uid));
  return {};
}

Result<void> Manager::suspend(std::string_view uid) {
  std::lock_guard control(control_mu_);
  auto service = lock_service();
  std::lock_guard lock(mu_);
  auto c = get_locked(uid);
  if (!c) return std::unexpected(c.error());
  Container& k = **c;
  if (auto t = check_transition(uid, k.state, Operation::suspend); !t) return t;
  if (k.job == Job::stop) return make_error(Phase::usage, "container '" + k.uid + "' is stopping: cannot suspend");
  if (!k.runtime->can_suspend())
    return make_error(Phase::usage, "container '" + k.uid + "': runtime " + k.meta.identity.runtime + " cannot suspend");
  if (auto r = k.instance->suspend(); !r) return r;
  unqueue_locked(k);
  if (k.job != Job::none) k.job_continues = true;
  k.state = State::suspended;
  changed_.notify_all();
  return {};
}

Result<void> Manager::resume(std::string_view uid) {
  std::lock_guard control(control_mu_);
  auto service = lock_service();
  std::lock_guard lock(mu_);
  auto c = get_locked(uid);
  if (!c) return std::unexpected(c.error());
  Container& k = **c;
  if (auto t = check_transition(uid, k.state, Operation::resume); !t) return t;
  if (auto r = k.instance->resume(); !r) return r;
  k.state = State::running;
  const auto now = Clock::now();
  if (k.job != Job::none) {
    make_ready_locked(k, now);  // the interrupted job continues at once
  } else {
    arm_timer_locked(k, std::max(k.next_release, now));
  }
  wake_.notify_one();
  changed_.notify_all();
  return {};
}

Result<void> Manager::remove(std::string_view uid) {
  std::lock_guard control(control_mu_);
  auto service = lock_service();
  std::unique_lock lock(mu_);
  auto c = get_locked(uid);
  if (!c) return std::unexpected(c.error());
  const std::string id(uid);
  if ((*c)->state == State::running || (*c)->state == State::suspended) {
    request_stop_locked(**c, State::stopped, "");
    service.unlock();
    wait_terminal(lock, id);
    lock.unlock();
    service.lock();
    lock.lock();
  }
  auto it = containers_.find(id);
  std::unique_ptr<Container> gone = std::move(it->second);
  unqueue_locked(*gone);
  containers_.erase(it);
  changed_.notify_all();
  lock.unlock();
  gone.reset();  // instance, then sessions: under the service lock
  router_.container_removed(id);
  return {};
}

Result<void> Manager::update(std::string_view uid, const LoadRequest& request, bool restart) {
  std::lock_guard control(control_mu_);
  auto meta = parse(request);
  if (!meta) return std::unexpected(meta.error());
  if (meta->identity.uid != uid)
    return make_error(Phase::usage, "update of '" + std::string(uid) + "' carries metadata for '" + meta->identity.uid + "'");
  auto service = lock_service();
  {
    std::lock_guard lock(mu_);
    if (auto c = get_locked(uid); !c) return std::unexpected(c.error());
  }
  // Build the new instance first: if that fails, the running container is untouched.
  Container fresh;
  fresh.uid = std::string(uid);
  fresh.meta = std::move(*meta);
  fresh.code = request.code;
  fresh.data = request.data;
  fresh.runtime = runtimes_.find(fresh.meta.identity.runtime);
  fresh.output = std::make_unique<OutputBuffer>();
  if (!fresh.runtime) return make_error(Phase::config, "no runtime '" + fresh.meta.identity.runtime + "'");
  if (auto r = instantiate(fresh); !r) return r;
  std::unique_lock lock(mu_);
  Container* k = find_locked(uid);
  if (k->state == State::running || k->state == State::suspended) {
    request_stop_locked(*k, State::stopped, "");
    service.unlock();
    wait_terminal(lock, std::string(uid));
    lock.unlock();
    service = lock_service();
    lock.lock();
    k = find_locked(uid);
  }
  k->instance.reset();
  k->endpoints.reset();
  k->meta = std::move(fresh.meta);
  k->active = k->meta.scheduling;
  k->code = std::move(fresh.code);
  k->data = std::move(fresh.data);
  k->runtime = fresh.runtime;
  k->output = std::move(fresh.output);
  k->endpoints = std::move(fresh.endpoints);
  k->instance = std::move(fresh.instance);
  k->state = State::loaded;
  k->job = Job::none;
  k->stats = {};
  k->loop_us_total = 0;
  k->last_error.clear();
  k->exit_code.reset();
  changed_.notify_all();
  if (restart) start_locked(*k, Clock::now());
  return {};
}

Result<void> Manager::reconfigure(std::span<const std::uint8_t> request) {
  std::lock_guard control(control_mu_);
  auto r = md::load_reconfiguration(request, config_.keys, config_.policy);
  if (!r) return std::unexpected(r.error());
  std::lock_guard lock(mu_);
  auto c = get_locked(r->request.uid);
  if (!c) return std::unexpected(c.error());
  auto next = md::apply((*c)->meta, r->request, runtime_types_);
  if (!next) return std::unexpected(next.error());
  auto table = std::make_shared<const md::PermissionTable>(md::PermissionTable::build(next->endpoints));
  (*c)->meta = std::move(*next);  // scheduling: picked up at the next release (next loop)
  (*c)->endpoints->replace_permissions(std::move(table));  // effective at the next call
  changed_.notify_all();
  return {};
}

ContainerStatus Manager::snapshot_locked(const Container& c) const {
  ContainerStatus s;
  s.uid = c.uid;
  s.name = c.meta.identity.name;
  s.runtime = c.meta.identity.runtime;
  s.state = c.state;
  s.revision = c.meta.revision;
  s.priority = c.meta.scheduling.priority;
  s.loop_period = c.meta.scheduling.loop_period;
  s.stats = c.stats;
  if (c.endpoints) {
    s.stats.endpoint_calls = c.endpoints->calls();
    s.stats.denials = c.endpoints->denials();
  }
  s.last_error = c.last_error;
  s.exit_code = c.exit_code;
  return s;
}

Result<ContainerStatus> Manager::status(std::string_view uid) {
  std::lock_guard lock(mu_);
  auto c = get_locked(uid);
  if (!c) return std::unexpected(c.error());
  return snapshot_locked(**c);
}

std::vector<ContainerStatus> Manager::list() {
  std::lock_guard lock(mu_);
  std::vector<ContainerStatus> out;
  out.reserve(containers_.size());
  for (const auto& [uid, c] : containers_) out.push_back(snapshot_locked(*c));
  return out;
}

Result<ContainerStatus> Manager::wait(std::string_view uid, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (!find_locked(uid)) return make_error(Phase::usage, "no container '" + std::string(uid) + "'");
  auto terminal = [&] {
    Container* c = find_locked(uid);
    return !c || c->state == State::finished || c->state == State::stopped || c->state == State::failed;
  };
  const bool done = changed_.wait_for(lock, timeout, terminal);
  Container* c = find_locked(uid);
  if (!c) return make_error(Phase::usage, "container '" + std::string(uid) + "' was removed");
  ContainerStatus s = snapshot_locked(*c);
  s.timed_out = !done;
  return s;
}

Result<ContainerOutputText> Manager::output(std::string_view uid) {
  std::lock_guard lock(mu_);
  auto c = get_locked(uid);
  if (!c) return std::unexpected(c.error());
  const ContainerOutput o = (*c)->output->snapshot();
  auto conv = [](const CapturedOutput& x) { return StreamText{x.data, x.total, x.dropped}; };
  return ContainerOutputText{conv(o.out), conv(o.err)};
}

Result<std::unique_ptr<HostControl>> make_host(HostConfig config) {
  ServiceRouter router;
  for (auto& s : config.services)
    if (auto r = router.add(std::move(s)); !r) return std::unexpected(r.error());
  config.services.clear();
  if (config.fuel_slice == 0) return make_error(Phase::config, "fuel_slice must be positive");
  return std::unique_ptr<HostControl>(std::make_unique<Manager>(std::move(config), std::move(router), default_runtimes()));
}

}  // namespace tc::host
