#!/usr/bin/env bash
# Runs one libFuzzer target for a while on a scratch copy of its committed corpus.
# Crashes land in tests/fuzz/crashes/<target>/ (gitignored); new interesting inputs are
# kept in BUILD_DIR/corpus-<target> (merge into the committed corpus with -merge=1).
#
# usage: tests/fuzz/run.sh TARGET(load|run) SECONDS [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:?target: load or run}"
secs="${2:?seconds}"
build="${3:-build-fuzz}"
work="$build/corpus-$target"
crashes="tests/fuzz/crashes/$target"
mkdir -p "$work" "$crashes"
cp -n tests/fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
exec "$build/tests/fuzz/fuzz_$target" "$work" -max_total_time="$secs" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1
