#!/usr/bin/env bash
# Builds the metadata libFuzzer targets with clang + ASan + UBSan and runs each for
# SECONDS (default 60). New crashes land in $BUILD/artifacts; copy a minimized one into
# tests/fuzz/metadata_corpus/<target>/ as a regression once fixed.
#
# clang 14 cannot compile libstdc++ 12's <expected> (it gates on __cpp_concepts >= 202002L
# and, past that gate, needs P0848 conditionally trivial destructors, clang >= 16), so this
# build puts tests/fuzz/metadata_compat/ — a minimal standard-conforming subset of
# <expected> — first on the include path. g++ builds never see it.
# Usage: tests/fuzz/metadata_fuzz.sh [SECONDS] [json|cbor|cose ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("${@:-json cbor cose}")
read -r -a TARGETS <<<"${TARGETS[*]}"
BUILD=${BUILD:-build-fuzz-metadata}
FLAGS="-isystem $PWD/tests/fuzz/metadata_compat"
FLAGS+=" -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTC_BUILD_BENCH=OFF -DTC_METADATA_LIBFUZZER=ON \
  -DCMAKE_CXX_FLAGS="$FLAGS" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$BUILD" -j2 --target metadata_make_corpus \
  $(for t in "${TARGETS[@]}"; do echo "metadata_${t}_fuzz"; done)
"$BUILD/tests/unit/metadata/metadata_make_corpus" examples/metadata "$BUILD/seed"
mkdir -p "$BUILD/artifacts"
for t in "${TARGETS[@]}"; do
  mkdir -p "$BUILD/corpus/$t"
  echo "== metadata_${t}_fuzz for ${SECONDS_PER_TARGET}s"
  "$BUILD/tests/unit/metadata/metadata_${t}_fuzz" -max_total_time="$SECONDS_PER_TARGET" \
    -max_len=8192 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="$BUILD/artifacts/${t}-" \
    "$BUILD/corpus/$t" "$BUILD/seed/$t" "tests/fuzz/metadata_corpus/$t"
done
