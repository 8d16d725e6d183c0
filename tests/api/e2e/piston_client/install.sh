#!/bin/sh
# Installs piston-client (https://github.com/dthree/node-piston, not ours) from the npm
# registry into $1 (under the build tree). Idempotent. Exit 77 (ctest skip) when npm or
# the registry is unavailable, so an offline machine reports a skip, not a pass.
set -eu
dest=$1
if [ -f "$dest/node_modules/piston-client/package.json" ]; then exit 0; fi
command -v npm >/dev/null 2>&1 || { echo "npm not installed"; exit 77; }
mkdir -p "$dest"
if ! npm install --prefix "$dest" --no-audit --no-fund --loglevel=error piston-client@1.0.2; then
  echo "npm install piston-client failed (registry unreachable?)"
  exit 77
fi
