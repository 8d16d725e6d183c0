// Replay driver for tests/fuzz/seccomp_profile_fuzz.cpp, built with g++ (no libFuzzer):
// runs LLVMFuzzerTestOneInput on every file given on the command line, or on every file
// of the directories given. Exit 0 when all ran (a crash or abort fails the ctest);
// exit 2 when an argument cannot be read or no input was found (a silent empty replay
// would prove nothing).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
        if (e.is_regular_file()) {
          if (!replay(e.path())) return 2;
          ++count;
        }
    } else {
      if (!replay(arg)) {
        std::fprintf(stderr, "cannot read %s\n", argv[i]);
        return 2;
      }
      ++count;
    }
  }
  std::printf("replayed %zu inputs\n", count);
  return count == 0 ? 2 : 0;
}
