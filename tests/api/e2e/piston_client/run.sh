#!/bin/sh
# Starts `tinycontainer serve` on a free loopback port, drives it with piston-client
# (client_test.mjs), then stops the server with SIGTERM and checks it exits 0.
# Usage: run.sh TINYCONTAINER CLIENT_DIR LANGUAGES_DIR
set -eu
bin=$1 client=$2 langs=$3
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$client/node_modules/piston-client/index.js" ] || { echo "piston-client not installed"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "the sandboxes behind the service need root here"; exit 77; }
tmp=$(mktemp -d /tmp/tc-piston-client-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
set -- --listen 127.0.0.1:0 --db "$tmp/results.db" --work-root "$tmp/work" --workers 2
[ -d "$langs" ] && set -- "$@" --languages-dir "$langs"
mkfifo "$tmp/out"
"$bin" serve "$@" >"$tmp/out" &
server=$!
read -r line <"$tmp/out"
port=$(echo "$line" | sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p')
[ -n "$port" ] || { echo "server did not start: $line"; kill "$server"; exit 1; }
status=0
node "$here/client_test.mjs" "http://127.0.0.1:$port" "$client/node_modules/piston-client/index.js" || status=$?
kill -TERM "$server"
wait "$server" || { echo "server exited with $?"; status=1; }
exit $status
