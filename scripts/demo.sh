#!/usr/bin/env bash
# The default job of `make run`: shows tinycontainer at work on this machine.
set -euo pipefail
BUILD=${1:-build}
TC="$BUILD/tinycontainer"
echo "== tinycontainer version"; "$TC" version
