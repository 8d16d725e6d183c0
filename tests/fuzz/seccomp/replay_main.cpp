// Replay driver for tests/fuzz/seccomp_profile_fuzz.cpp, built with g++ (no libFuzzer):
// runs LLVMFuzzerTestOneInput on every file given on the command line, or on every file
// of the directories given. With `--mutate N SEED` first, it also runs N deterministic
// mutations of those inputs (byte flips, JSON-token insertions, deletions, duplications,
// splices of two inputs; a fixed-seed xorshift, so a failure is reproducible) — a
// coverage-blind fuzzer for where libFuzzer is unavailable (Debian's clang 14 cannot
// build this C++23 code). Exit 0 when all ran (a crash or abort fails the ctest); exit 2
// when an argument cannot be read or no input was found (a silent empty replay would
// prove nothing).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Bytes = std::vector<char>;

void run_one(const Bytes& bytes) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

bool replay(const std::filesystem::path& file, std::vector<Bytes>& inputs) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  run_one(bytes);
  inputs.push_back(std::move(bytes));
  return true;
}

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : next() % n; }
};

Bytes mutate(const std::vector<Bytes>& inputs, Rng& rng) {
  static const std::string_view kTokens[] = {"{",
                                             "}",
                                             "[",
                                             "]",
                                             ",",
                                             ":",
                                             "\"",
                                             "null",
                                             "true",
                                             "-1",
                                             "0x",
                                             "1e999",
                                             "18446744073709551616",
                                             "\"syscalls\"",
                                             "\"args\"",
                                             "\"errno\"",
                                             "\"action\"",
                                             "\"extends\"",
                                             "\"default\"",
                                             "\"masked_eq\"",
                                             "\"index\"",
                                             "\\u0000",
                                             "\xff"};
  Bytes b = inputs[rng.below(inputs.size())];
  for (int edits = 1 + static_cast<int>(rng.below(4)); edits > 0; --edits) {
    const std::size_t pos = rng.below(b.size() + 1);
    switch (rng.below(5)) {
      case 0:
        if (!b.empty()) b[rng.below(b.size())] ^= static_cast<char>(1u << rng.below(8));
        break;
      case 1: {
        auto t = kTokens[rng.below(std::size(kTokens))];
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(pos), t.begin(), t.end());
        break;
      }
      case 2:
        b.erase(b.begin() + static_cast<std::ptrdiff_t>(pos),
                b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), pos + rng.below(64))));
        break;
      case 3: {
        const std::size_t len = std::min(b.size() - pos, rng.below(128));
        Bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(pos),
                    b.begin() + static_cast<std::ptrdiff_t>(pos + len));
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(pos), chunk.begin(), chunk.end());
        break;
      }
      default: {
        const Bytes& other = inputs[rng.below(inputs.size())];
        const std::size_t from = rng.below(other.size() + 1);
        b.resize(pos);
        b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
        break;
      }
    }
  }
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  std::size_t mutations = 0;
  std::uint64_t seed = 1;
  int first = 1;
  if (argc > 3 && std::string_view(argv[1]) == "--mutate") {
    mutations = std::strtoull(argv[2], nullptr, 10);
    seed = std::strtoull(argv[3], nullptr, 10) | 1;
    first = 4;
  }
  std::vector<Bytes> inputs;
  for (int i = first; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
        if (e.is_regular_file()) {
          if (!replay(e.path(), inputs)) return 2;
          ++count;
        }
    } else {
      if (!replay(arg, inputs)) {
        std::fprintf(stderr, "cannot read %s\n", argv[i]);
        return 2;
      }
      ++count;
    }
  }
  if (count == 0) return 2;
  Rng rng{seed};
  for (std::size_t i = 0; i < mutations; ++i) run_one(mutate(inputs, rng));
  std::printf("replayed %zu inputs, %zu mutations (seed %llu)\n", count, mutations,
              static_cast<unsigned long long>(seed));
  return 0;
}
