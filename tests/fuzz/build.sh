#!/usr/bin/env bash
# Configures and builds the libFuzzer targets (fuzz_load, fuzz_run) with clang 16 under
# ASan + UBSan + libFuzzer coverage.
#
# usage: tests/fuzz/build.sh [BUILD_DIR]        (default: build-fuzz)
#
# Why clang 16 and the __cpp_concepts define: the project uses std::expected from
# g++ 12's libstdc++, whose <expected> is only enabled when __cpp_concepts >= 202002L and
# relies on conditionally trivial special members (P0848). Debian's clang 14 implements
# neither (every tc::Result destructor is "implicitly deleted"); clang 16 implements
# P0848 but still reports __cpp_concepts 201907L, so we raise the macro by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build-fuzz}"
bash scripts/install-deps.sh --fuzz
cxx="$(command -v clang++-16 || true)"
cc="$(command -v clang-16 || true)"
if [ -z "$cxx" ]; then
  echo "fuzz: clang++-16 not found (apt-get install clang-16 libclang-rt-16-dev)" >&2
  exit 1
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTC_FUZZ=ON -DTC_BUILD_BENCH=OFF \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS="-D__cpp_concepts=202002L -Wno-macro-redefined -Wno-ignored-optimization-argument -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-sanitize=vptr -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
cmake --build "$build" -j2 --target fuzz_load fuzz_run
