// tinycontainer CLI — the usage error every command parser reports (exit 2).
#pragma once

#include <string>
#include <utility>

#include "common/error.hpp"

namespace tc::cli {

inline std::unexpected<Error> usage(std::string what) {
  return make_error(Phase::usage, std::move(what));
}

}  // namespace tc::cli
