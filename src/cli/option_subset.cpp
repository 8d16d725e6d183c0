#include "cli/option_subset.hpp"

#include <algorithm>

namespace tc::cli {

OptionSubset::OptionSubset(CLI::App* app, const std::vector<std::string>& args) : app_(app) {
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

bool OptionSubset::wanted(std::string_view names) const {
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

CLI::Option* OptionSubset::stand_in() {
  if (stand_in_ == nullptr) {
    spare_ = std::make_unique<CLI::App>();
    stand_in_ = spare_->add_option("--stand-in");
  }
  return stand_in_;
}

bool given(const CLI::App& app, const std::string& name) {
  const CLI::Option* opt = app.get_option_no_throw(name);
  return opt != nullptr && opt->count() > 0;
}

}  // namespace tc::cli
