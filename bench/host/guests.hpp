// Guest modules of the host benchmarks, as WAT text (compiled by wat2wasm at build time
// into TC_HOST_BENCH_GUESTS, see CMakeLists.txt).
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tc::host::bench {

inline std::vector<std::uint8_t> guest(const std::string& name) {
  std::ifstream in(std::string(TC_HOST_BENCH_GUESTS) + "/" + name + ".wasm", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace tc::host::bench
