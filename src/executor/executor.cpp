// The pipeline behind executor.hpp: request → request dir → compile step (or compile
// cache hit) → one run step per test case → result; see docs/EXECUTOR.md.
#include "executor/executor.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "executor/compile_cache.hpp"
#include "executor/languages.hpp"
#include "executor/outcome_parse.hpp"
#include "executor/request_check.hpp"
#include "executor/request_dir.hpp"
#include "executor/sandbox_pool.hpp"
#include "executor/slots.hpp"
#include "executor/step.hpp"
#include "linux/run_dir.hpp"
#include "runtime/outcome_json.hpp"

extern char** environ;

namespace tc::exec {

namespace fs = std::filesystem;

namespace {

struct Setup {
  LanguageSet languages;
  std::unique_ptr<CompileCache> cache;
  fs::path work_root;
  std::string tinycontainer;
  std::vector<std::string> process_env;
  unsigned max_parallel = 1;
  std::string runtime_dir;
  std::string cgroup_parent;
  std::optional<std::uint32_t> uid_base;
  std::unique_ptr<SandboxPool> pool;  // null: no warm pool
};

// A step failed in a way that is the submission's fault (not ours).
bool submission_failed(Status s) {
  return s != Status::ok && s != Status::setup_error && s != Status::internal_error;
}

class LocalExecutor final : public Executor {
 public:
  explicit LocalExecutor(Setup s) : s_(std::move(s)), slots_(s_.max_parallel) {}

  std::vector<LanguageInfo> languages() const override {
    std::vector<LanguageInfo> out;
    for (const auto& l : s_.languages.installed()) {
      const LanguageProfile& p = l.profile;
      out.push_back({p.name, p.aliases, l.version, p.compile.has_value(), p.source_file,
                     p.compile ? p.compile->limits : StepLimits{}, p.run.limits});
    }
    return out;
  }

  Result<ExecutionResult> execute(const ExecutionRequest& request) override {
    auto checked = check_request(request, s_.languages);
    if (!checked) return std::unexpected(checked.error());
    auto dir = RequestDir::create(s_.work_root);
    if (!dir) return std::unexpected(dir.error());
    ExecutionResult result;
    result.language = checked->language->profile.name;
    result.version = checked->language->version;
    for (const auto& f : request.files)
      if (auto w = dir->write_file(fs::path("src") / f.name, f.content); !w)
        return std::unexpected(w.error());
    fs::path tree = dir->path() / "src";
    if (checked->language->profile.compile) {
      result.compile = compile(request, *checked, *dir, tree);
      if (result.compile->status != Status::ok) {
        result.status = submission_failed(result.compile->status) ? Status::compile_error
                                                                  : result.compile->status;
        return result;
      }
    }
    run_cases(request, *checked, *dir, tree, result);
    return result;
  }

 private:
  // A pre-built sandbox when the pool has one of the step's shape, else a cold start.
  Outcome run_linux_or_wasm(const StepSpec& spec) {
    if (s_.pool)
      if (auto o = s_.pool->run(spec)) return std::move(*o);
    return run_step(spec);
  }

 public:
  WarmPoolCounters warm_pool() const override {
    return s_.pool ? s_.pool->stats() : WarmPoolCounters{};
  }

  // Warm-up: the run step of each installed Linux language with its default limits.
  void warm_up() {
    if (!s_.pool) return;
    for (const auto& l : s_.languages.installed()) {
      const LanguageProfile& p = l.profile;
      if (p.run.runtime != StepRuntime::linux) continue;
      StepSpec spec = base_step(p, p.run.limits);
      s_.pool->prepare(spec);
    }
  }

 private:
  StepSpec base_step(const LanguageProfile& p, const StepLimits& limits) const {
    StepSpec spec;
    spec.tinycontainer = s_.tinycontainer;
    spec.process_env = s_.process_env;
    spec.limits = limits;
    spec.allow_syscalls = p.allow_syscalls;
    spec.env = p.env;
    spec.runtime_dir = s_.runtime_dir;
    spec.cgroup_parent = s_.cgroup_parent;
    spec.uid_base = s_.uid_base;
    return spec;
  }

  static void copy_tree_in(const fs::path& tree, StepSpec& spec) {
    std::error_code ec;
    for (fs::directory_iterator it(tree, ec), end; !ec && it != end; it.increment(ec))
      spec.copy_in.emplace_back(it->path(), it->path().filename().string());
  }

  std::string cache_key(const ExecutionRequest& r, const InstalledLanguage& l) const {
    std::vector<std::string> fields{"tc-compile-v1", l.profile.name, l.version};
    fields.insert(fields.end(), l.profile.compile->command.begin(), l.profile.compile->command.end());
    fields.insert(fields.end(), l.profile.env.begin(), l.profile.env.end());
    fields.push_back(std::to_string(r.files.size()));
    for (const auto& f : r.files) {
      fields.push_back(f.name);
      fields.push_back(f.content);
    }
    return CompileCache::key(fields);
  }

  // Compiles into <dir>/art (or links it from the cache); `tree` becomes that directory.
  Outcome compile(const ExecutionRequest& r, const CheckedRequest& c, const RequestDir& dir,
                  fs::path& tree) {
    const LanguageProfile& p = c.language->profile;
    const fs::path art = dir.path() / "art";
    const std::string key = cache_key(r, *c.language);
    if (s_.cache) {
      if (auto note = s_.cache->fetch(key, art)) {
        tree = art;
        auto cached = outcome_from_json(*note);
        if (cached) {
          cached->reason = "compile cache hit";
          return *cached;
        }
        Outcome ok;
        ok.status = Status::ok;
        ok.reason = "compile cache hit";
        return ok;
      }
    }
    StepSpec spec = base_step(p, c.compile_limits);
    spec.command = expand_command(p.compile->command, p, r.files, {});
    copy_tree_in(tree, spec);
    spec.keep_workspace = art;
    Outcome o;
    {
      Slots::Slot slot(slots_);
      o = run_linux_or_wasm(spec);
    }
    if (o.status == Status::ok && !fs::is_directory(art)) {
      o.status = Status::internal_error;
      o.reason = "executor: the compile workspace was not kept";
    }
    if (o.status != Status::ok) return o;
    tree = art;
    if (s_.cache) s_.cache->store(key, art, to_json(o).dump(-1, ' ', false,
                                                      nlohmann::json::error_handler_t::replace));
    return o;
  }

  void run_cases(const ExecutionRequest& r, const CheckedRequest& c, const RequestDir& dir,
                 const fs::path& tree, ExecutionResult& result) {
    const LanguageProfile& p = c.language->profile;
    StepSpec spec = base_step(p, c.run_limits);
    spec.runtime = p.run.runtime;
    spec.command = expand_command(p.run.command, p, r.files, r.args);
    if (spec.runtime == StepRuntime::wasm) spec.module_dir = tree;
    else copy_tree_in(tree, spec);
    const std::vector<TestCase> one{TestCase{}};
    const auto& cases = r.cases.empty() ? one : r.cases;
    result.status = Status::ok;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      spec.stdin_path.clear();
      if (!cases[i].stdin_data.empty()) {
        const std::string name = fmt::format("stdin-{}", i);
        if (auto w = dir.write_file(name, cases[i].stdin_data); !w) {
          Outcome o;
          o.status = Status::internal_error;
          o.reason = w.error().describe();
          result.runs.push_back(std::move(o));
        } else {
          spec.stdin_path = (dir.path() / name).string();
        }
      }
      if (result.runs.size() == i) {
        Slots::Slot slot(slots_);
        result.runs.push_back(run_linux_or_wasm(spec));
      }
      if (result.status == Status::ok && result.runs.back().status != Status::ok)
        result.status = result.runs.back().status;
    }
  }

  Setup s_;
  Slots slots_;
};

Result<std::string> our_binary(const std::string& configured) {
  std::string path = configured;
  if (path.empty()) {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec || self.filename() != "tinycontainer")
      return make_error(Phase::config,
                        "executor: tinycontainer_path is required (this process is not "
                        "the tinycontainer binary)");
    path = self.string();
  }
  if (::access(path.c_str(), X_OK) != 0)
    return sys_error(Phase::config, "executor: tinycontainer_path " + path);
  return fs::absolute(path).string();
}

fs::path default_languages_dir(const std::string& binary) {
  const fs::path bin_dir = fs::path(binary).parent_path();
  for (const fs::path& candidate :
       {bin_dir / "languages", bin_dir / ".." / "share" / "tinycontainer" / "languages"})
    if (fs::is_directory(candidate)) return candidate;
  return TC_LANGUAGES_DIR;
}

Result<fs::path> prepare_work_root(const std::string& configured) {
  fs::path root = configured;
  if (root.empty()) {
    const fs::path base = sandbox::default_runtime_base(::geteuid());
    if (::mkdir(base.c_str(), 0711) != 0 && errno != EEXIST)
      return sys_error(Phase::setup, "mkdir " + base.string());
    root = base / "exec";
  }
  if (::mkdir(root.c_str(), 0700) != 0 && errno != EEXIST)
    return sys_error(Phase::setup, "executor: work root " + root.string());
  struct stat st {};
  if (::lstat(root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid())
    return make_error(Phase::setup, fmt::format("executor: work root {} must be a directory "
                                                "owned by us", root.string()));
  return fs::absolute(root);
}

}  // namespace

Result<std::unique_ptr<Executor>> make_executor(const ExecutorConfig& config) {
  Setup s;
  auto binary = our_binary(config.tinycontainer_path);
  if (!binary) return std::unexpected(binary.error());
  s.tinycontainer = *binary;
  const fs::path lang_dir =
      config.languages_dir.empty() ? default_languages_dir(s.tinycontainer)
                                   : fs::path(config.languages_dir);
  auto languages = LanguageSet::load(lang_dir);
  if (!languages) return std::unexpected(languages.error());
  s.languages = std::move(*languages);
  auto root = prepare_work_root(config.work_root);
  if (!root) return std::unexpected(root.error());
  s.work_root = *root;
  reap_stale_request_dirs(s.work_root);
  if (config.cache_max_entries > 0) {
    auto cache = CompileCache::open(s.work_root / "compile-cache",
                                    {config.cache_max_entries, config.cache_max_bytes});
    if (!cache) return std::unexpected(cache.error());
    s.cache = std::move(*cache);
  }
  s.runtime_dir = config.runtime_dir;
  s.cgroup_parent = config.cgroup_parent;
  s.uid_base = config.uid_base;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) s.process_env.emplace_back(*e);
  // Sandbox start-up mostly waits on the kernel (namespaces, mounts), not on a CPU:
  // measured best throughput at ~4 concurrent sandboxes per CPU (docs/EXECUTOR.md).
  const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  s.max_parallel = config.max_parallel != 0 ? config.max_parallel : 4 * cpus;
  if (config.warm_pool > 0)
    s.pool = std::make_unique<SandboxPool>(PoolConfig{config.warm_pool}, s.process_env);
  auto executor = std::make_unique<LocalExecutor>(std::move(s));
  executor->warm_up();
  return std::unique_ptr<Executor>(std::move(executor));
}

}  // namespace tc::exec
