// tinycontainer — registers only the options a command line can use (start-up cost).
//
// CLI11 checks every new option against all the options already registered (O(n) string
// and vector copies each), so `run`'s 36 options cost ~500k instructions at every start —
// about half of the CLI's user-space work before the sandbox is cloned (docs/SANDBOX.md
// "Start-up cost"). Most command lines name two or three of them.
//
// Contract: OptionSubset forwards add_option()/add_flag() to the App for every option a
// token of `args` before the first "--" can name — "--long", "--long=value", or a short
// option's letter anywhere in a single-dash token ("-q", "-qe", "-eK=V") — and for all
// options when help can be asked for ("--help", or an 'h' in a single-dash token). An
// option that is not forwarded cannot be on the command line, so its variable keeps its
// default: exactly what parsing gives with it registered. Parsing, errors and help output
// are therefore those of the full set. add_option()/add_flag() return an OptionRef: the
// settings `run` chains (capture_default_str(), allow_extra_args(), check()) are applied
// to a forwarded option and dropped for one that was not (add a forwarder there to chain
// another setting). given() is the safe count check: false for an unregistered option.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tc::cli {

// The option add_option()/add_flag() registered, or none; used as `->setting(...)`.
class OptionRef {
 public:
  explicit OptionRef(CLI::Option* option) : option_(option) {}
  OptionRef* operator->() { return this; }
  OptionRef capture_default_str() {
    if (option_ != nullptr) option_->capture_default_str();
    return *this;
  }
  OptionRef allow_extra_args(bool value) {
    if (option_ != nullptr) option_->allow_extra_args(value);
    return *this;
  }
  template <typename Validator>
  OptionRef check(Validator&& validator) {
    if (option_ != nullptr) option_->check(std::forward<Validator>(validator));
    return *this;
  }
  [[nodiscard]] CLI::Option* get() const noexcept { return option_; }

 private:
  CLI::Option* option_;
};

class OptionSubset {
 public:
  OptionSubset(CLI::App* app, const std::vector<std::string>& args);

  // `names` as CLI11 takes them: "-e,--env", "--json".
  [[nodiscard]] bool wanted(std::string_view names) const;

  template <typename... Args>
  OptionRef add_option(std::string names, Args&&... args) {
    if (!wanted(names)) return OptionRef(nullptr);
    return OptionRef(app_->add_option(std::move(names), std::forward<Args>(args)...));
  }
  template <typename... Args>
  OptionRef add_flag(std::string names, Args&&... args) {
    if (!wanted(names)) return OptionRef(nullptr);
    return OptionRef(app_->add_flag(std::move(names), std::forward<Args>(args)...));
  }

 private:
  CLI::App* app_;
  bool all_ = false;
  std::vector<std::string> long_names_;  // "--x" as written, up to any '='
  std::string short_letters_;            // every letter of every single-dash token
};

// Whether option `name` was given (false when it was not registered at all).
[[nodiscard]] bool given(const CLI::App& app, const std::string& name);

// Header-only on purpose: every translation unit that includes CLI11 constructs its own
// copies of CLI11's namespace-scope validators before main() (~5k instructions each).
inline OptionSubset::OptionSubset(CLI::App* app, const std::vector<std::string>& args)
    : app_(app) {
  for (const std::string& arg : args) {
    if (arg == "--") break;  // the command's own arguments follow
    if (arg.size() < 2 || arg[0] != '-') continue;
    if (arg[1] == '-') {
      std::string name = arg.substr(0, arg.find('='));
      if (name == "--help") all_ = true;
      long_names_.push_back(std::move(name));
    } else {
      short_letters_ += arg.substr(1);
      if (arg.find('h') != std::string::npos) all_ = true;
    }
  }
}

inline bool OptionSubset::wanted(std::string_view names) const {
  if (all_) return true;
  while (!names.empty()) {
    const std::size_t comma = names.find(',');
    const std::string_view name = names.substr(0, comma);
    if (name.starts_with("--")) {
      if (std::find(long_names_.begin(), long_names_.end(), name) != long_names_.end())
        return true;
    } else if (name.size() == 2 && name[0] == '-') {
      if (short_letters_.find(name[1]) != std::string::npos) return true;
    } else {
      return true;  // a positional or an unusual form: always register it
    }
    if (comma == std::string_view::npos) break;
    names.remove_prefix(comma + 1);
  }
  return false;
}

inline bool given(const CLI::App& app, const std::string& name) {
  const CLI::Option* opt = app.get_option_no_throw(name);
  return opt != nullptr && opt->count() > 0;
}

}  // namespace tc::cli
