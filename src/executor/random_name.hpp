// tinycontainer executor — random hex for unique directory names (getrandom(2)).
#pragma once

#include <string>

namespace tc::exec {

// 2*bytes lowercase hex characters from getrandom(2) (never blocks once the pool is
// initialised; falls back to the clock and a counter-free mix only if getrandom fails).
[[nodiscard]] std::string random_hex(std::size_t bytes);

}  // namespace tc::exec
