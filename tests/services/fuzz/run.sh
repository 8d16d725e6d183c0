#!/usr/bin/env bash
# Builds the services libFuzzer targets with clang++ (14) (+ ASan, UBSan) straight from the
# sources (no CMake tree needed: the targets use a handful of files) and runs each for
# SECONDS (default 60). Crashes land in $OUT/artifacts; once fixed, copy the input into
# tests/services/fuzz/corpus/<target>/ as a regression (replayed by ctest).
# Usage: tests/services/fuzz/run.sh [SECONDS] [kv_request|kv_log|log_line ...]
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECS=${1:-60}
shift || true
TARGETS=("${@:-kv_request kv_log log_line}")
read -r -a TARGETS <<<"${TARGETS[*]}"
OUT=${OUT:-build-fuzz-services}
mkdir -p "$OUT/artifacts"
CXX=${CXX:-clang++}
SRCS=(src/services/*.cpp src/metadata/text_rules.cpp src/common/error.cpp)
for t in "${TARGETS[@]}"; do
  echo "== services_${t}_fuzz: build"
  # clang 14 with libstdc++ 12 needs the <expected> subset of tests/fuzz/metadata_compat
  # (see docs/METADATA.md "Fuzzing").
  "$CXX" -std=c++2b -O1 -g -Isrc -isystem tests/fuzz/metadata_compat -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
    "tests/services/fuzz/${t}_fuzz.cpp" "${SRCS[@]}" -lz -o "$OUT/services_${t}_fuzz"
  mkdir -p "$OUT/corpus/$t"
  echo "== services_${t}_fuzz: ${SECS}s"
  "$OUT/services_${t}_fuzz" -max_total_time="$SECS" -max_len=4096 -timeout=10 \
    -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/${t}-" \
    "$OUT/corpus/$t" "tests/services/fuzz/corpus/$t"
done
