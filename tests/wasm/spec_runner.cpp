// WebAssembly spec testsuite runner.
//
// Usage: wasm_spec_runner WORKDIR FILE.wast [FILE.wast...]
// Converts each .wast with Debian's `wast2json` into WORKDIR/<name>/ and executes every
// command against tc_wasm: module, register, action (invoke/get), assert_return (NaN
// patterns, bitwise floats, references), assert_trap, assert_exhaustion, assert_invalid,
// assert_malformed (binary modules; text-format ones are counted as skipped: a binary
// engine has no text parser), assert_unlinkable, assert_uninstantiable. Prints per-file
// and total counts; exit status 0 iff no assertion failed and every file converted.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spectest_host.hpp"
#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace tc::wasm;

namespace {

constexpr std::uint64_t kActionFuel = 4'000'000'000ull;  // a runaway test fails, never hangs

struct Counts {
  int passed = 0, failed = 0, skipped_text = 0, skipped_other = 0;
  Counts& operator+=(const Counts& o) {
    passed += o.passed; failed += o.failed; skipped_text += o.skipped_text; skipped_other += o.skipped_other;
    return *this;
  }
};

bool parse_value(const json& v, Value& out) {
  const std::string type = v.at("type");
  const std::string s = v.contains("value") ? v["value"].get<std::string>() : "";
  if (type == "i32" || type == "f32") { out = Value::i32(static_cast<std::uint32_t>(std::stoull(s))); return true; }
  if (type == "i64" || type == "f64") { out = Value::i64(std::stoull(s)); return true; }
  if (type == "externref") { out = s == "null" ? Value::null_ref() : Value{std::stoull(s) + 1}; return true; }
  if (type == "funcref") { out = Value::null_ref(); return s == "null"; }
  return false;
}

bool matches(const json& e, Value got, std::string& why) {
  const std::string type = e.at("type");
  const std::string s = e.contains("value") ? e["value"].get<std::string>() : "";
  char buf[96];
  if (type == "f32") {
    const auto b = static_cast<std::uint32_t>(got.bits);
    if (s == "nan:canonical") { if ((b & 0x7FFFFFFFu) == 0x7FC00000u) return true; }
    else if (s == "nan:arithmetic") { if ((b & 0x7FC00000u) == 0x7FC00000u) return true; }
    else if (b == static_cast<std::uint32_t>(std::stoull(s))) return true;
    std::snprintf(buf, sizeof buf, "f32 expected %s got bits 0x%08x", s.c_str(), b);
  } else if (type == "f64") {
    const std::uint64_t b = got.bits;
    if (s == "nan:canonical") { if ((b & 0x7FFFFFFFFFFFFFFFull) == 0x7FF8000000000000ull) return true; }
    else if (s == "nan:arithmetic") { if ((b & 0x7FF8000000000000ull) == 0x7FF8000000000000ull) return true; }
    else if (b == std::stoull(s)) return true;
    std::snprintf(buf, sizeof buf, "f64 expected %s got bits 0x%016llx", s.c_str(), static_cast<unsigned long long>(b));
  } else if (type == "i32") {
    if (static_cast<std::uint32_t>(got.bits) == static_cast<std::uint32_t>(std::stoull(s))) return true;
    std::snprintf(buf, sizeof buf, "i32 expected %s got %u", s.c_str(), static_cast<unsigned>(got.bits));
  } else if (type == "i64") {
    if (got.bits == std::stoull(s)) return true;
    std::snprintf(buf, sizeof buf, "i64 expected %s got %llu", s.c_str(), static_cast<unsigned long long>(got.bits));
  } else if (type == "externref" || type == "funcref") {
    if (s == "null" ? got.bits == 0 : (s.empty() ? got.bits != 0 : (type == "externref" && got.bits == std::stoull(s) + 1)))
      return true;
    std::snprintf(buf, sizeof buf, "%s expected %s got 0x%llx", type.c_str(), s.c_str(), static_cast<unsigned long long>(got.bits));
  } else {
    std::snprintf(buf, sizeof buf, "unsupported expected type %s", type.c_str());
  }
  why = buf;
  return false;
}

std::vector<std::uint8_t> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

class FileRunner {
 public:
  FileRunner(fs::path dir, std::string name) : dir_(std::move(dir)), name_(std::move(name)) {
    if (!spec::add_spectest(store_, imports_)) std::abort();
  }

  Counts run(const json& commands) {
    for (const json& c : commands) command(c);
    return counts_;
  }

 private:
  struct ActionResult {
    bool started = false;
    std::string error;
    RunResult rr;
    std::vector<Value> values;
  };

  void pass() { ++counts_.passed; }
  void fail(const json& c, const std::string& why) {
    ++counts_.failed;
    std::cout << "  FAIL " << name_ << ".wast:" << c.value("line", 0) << " " << c.value("type", "")
              << ": " << why << "\n";
  }

  tc::Result<std::shared_ptr<const Module>> load(const json& c) {
    const auto bytes = read_file(dir_ / c.at("filename").get<std::string>());
    return load_module(bytes, store_.limits());
  }

  Instance* instance_for(const json& action) {
    if (action.contains("module")) {
      auto it = named_.find(action["module"].get<std::string>());
      return it == named_.end() ? nullptr : it->second;
    }
    return current_;
  }

  ActionResult action(const json& a) {
    ActionResult r;
    Instance* inst = instance_for(a);
    if (!inst) { r.error = "no module instance"; return r; }
    const std::string field = a.at("field");
    if (a.at("type") == "get") {
      auto x = inst->find_export(field);
      if (!x || x->kind != ExternKind::global) { r.error = "no global export " + field; return r; }
      r.started = true;
      r.rr.status = RunStatus::completed;
      r.values.push_back(x->global()->value);
      return r;
    }
    std::vector<Value> args;
    for (const json& v : a.value("args", json::array())) {
      Value val;
      if (!parse_value(v, val)) { r.error = "unsupported argument"; return r; }
      args.push_back(val);
    }
    if (auto s = exec_.start(*inst, field, args); !s) { r.error = s.error().describe(); return r; }
    r.started = true;
    r.rr = exec_.run(kActionFuel);
    if (r.rr.status == RunStatus::out_of_fuel) exec_.reset();
    if (r.rr.status == RunStatus::completed) r.values.assign(exec_.results().begin(), exec_.results().end());
    return r;
  }

  void module_command(const json& c) {
    current_ = nullptr;
    auto m = load(c);
    if (!m) { fail(c, "load failed: " + m.error().describe()); return; }
    auto inst = store_.instantiate(*m, imports_);
    if (!inst) { fail(c, "instantiate failed: " + inst.error().describe()); return; }
    current_ = *inst;
    if (c.contains("name")) named_[c["name"].get<std::string>()] = current_;
    pass();
  }

  void command(const json& c) {
    const std::string type = c.at("type");
    if (type == "module") return module_command(c);
    if (type == "register") {
      Instance* inst = c.contains("name") ? named_[c["name"].get<std::string>()] : current_;
      if (!inst) return fail(c, "register: no instance");
      imports_.add_instance(c.at("as").get<std::string>(), *inst);
      return;
    }
    if (type == "action" || type == "assert_return") {
      ActionResult r = action(c.at("action"));
      if (!r.started) return fail(c, r.error);
      if (r.rr.status != RunStatus::completed)
        return fail(c, std::string("did not complete: ") + std::string(trap_message(r.rr.trap)));
      if (type == "action") return pass();
      const json& exp = c.at("expected");
      if (exp.size() != r.values.size()) return fail(c, "result count mismatch");
      for (std::size_t i = 0; i < exp.size(); ++i) {
        std::string why;
        if (!matches(exp[i], r.values[i], why)) return fail(c, c["action"].value("field", "") + ": " + why);
      }
      return pass();
    }
    if (type == "assert_trap" || type == "assert_exhaustion") {
      ActionResult r = action(c.at("action"));
      if (!r.started) return fail(c, r.error);
      if (r.rr.status != RunStatus::trapped) return fail(c, "expected a trap: " + c.value("text", ""));
      const std::string want = c.value("text", "");
      const std::string got(trap_message(r.rr.trap));
      if (!want.starts_with(got) && !got.starts_with(want))
        return fail(c, "wrong trap: expected \"" + want + "\", got \"" + got + "\"");
      if (type == "assert_exhaustion" && r.rr.trap != TrapKind::call_stack_exhausted)
        return fail(c, "expected call stack exhaustion, got " + std::string(trap_message(r.rr.trap)));
      return pass();
    }
    if (type == "assert_invalid" || type == "assert_malformed") {
      if (c.value("module_type", "binary") == "text") { ++counts_.skipped_text; return; }
      auto m = load(c);
      if (m) return fail(c, "module loaded but expected: " + c.value("text", ""));
      return pass();
    }
    if (type == "assert_unlinkable" || type == "assert_uninstantiable") {
      auto m = load(c);
      if (!m) return fail(c, "load failed: " + m.error().describe());
      auto inst = store_.instantiate(*m, imports_);
      if (inst) return fail(c, "instantiated but expected: " + c.value("text", ""));
      const std::string want = c.value("text", "");
      if (inst.error().message.find(want) == std::string::npos)
        return fail(c, "wrong error: expected \"" + want + "\", got \"" + inst.error().message + "\"");
      return pass();
    }
    ++counts_.skipped_other;
    std::cout << "  SKIP " << name_ << ".wast:" << c.value("line", 0) << " unknown command " << type << "\n";
  }

  fs::path dir_;
  std::string name_;
  Store store_;
  Imports imports_;
  Execution exec_{store_};
  Instance* current_ = nullptr;
  std::map<std::string, Instance*> named_;
  Counts counts_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: wasm_spec_runner WORKDIR FILE.wast...\n";
    return 2;
  }
  const fs::path work = argv[1];
  Counts total;
  int conversion_failures = 0;
  for (int i = 2; i < argc; ++i) {
    const fs::path wast = argv[i];
    const std::string name = wast.stem().string();
    if (name.starts_with("simd_")) {
      std::cout << name << ".wast: SKIPPED (SIMD is not supported by this engine)\n";
      continue;
    }
    const fs::path dir = work / name;
    fs::create_directories(dir);
    const fs::path json_path = dir / (name + ".json");
    const std::string cmd = "wast2json '" + wast.string() + "' -o '" + json_path.string() + "' 2>'" +
                            (dir / "wast2json.err").string() + "'";
    if (std::system(cmd.c_str()) != 0) {
      std::cout << name << ".wast: wast2json could not convert it (see " << (dir / "wast2json.err").string() << ")\n";
      ++conversion_failures;
      continue;
    }
    std::ifstream in(json_path);
    const json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      std::cout << name << ".wast: unreadable wast2json output\n";
      ++conversion_failures;
      continue;
    }
    FileRunner runner(dir, name);
    const Counts c = runner.run(doc.at("commands"));
    std::cout << name << ".wast: passed " << c.passed << ", failed " << c.failed << ", skipped "
              << c.skipped_text + c.skipped_other << " (text-format assert_malformed: " << c.skipped_text << ")\n";
    total += c;
  }
  if (argc > 3) {
    std::cout << "TOTAL: passed " << total.passed << ", failed " << total.failed << ", skipped "
              << total.skipped_text + total.skipped_other << " (text-format assert_malformed, not applicable to a binary engine: "
              << total.skipped_text << "), files wast2json could not convert: " << conversion_failures << "\n";
  }
  return (total.failed == 0 && conversion_failures == 0) ? 0 : 1;
}
