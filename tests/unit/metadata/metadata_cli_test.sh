#!/usr/bin/env bash
# End-to-end test of `tinycontainer metadata` on the real binary: exit codes 0/1/2,
# messages with field paths, keygen → sign → check with --keys/--require-signature,
# tamper detection, convert JSON ↔ CBOR round trip, every example validates.
# Usage: metadata_cli_test.sh TINYCONTAINER EXAMPLES_DIR
set -uo pipefail
TC=$1
EX=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
expect() {  # expect STATUS DESCRIPTION -- command...
  local want=$1 what=$2
  shift 3
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, want $want"; cat "$T/out" "$T/err"; failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}
expect_err() {  # expect_err TEXT: the last command's stderr contains TEXT
  grep -qF -- "$1" "$T/err" || { echo "FAIL: stderr lacks: $1"; cat "$T/err"; failures=$((failures + 1)); }
}

for f in "$EX"/*.json; do
  case $(basename "$f") in
    reconfigure-*) expect 0 "check $f" -- "$TC" metadata check --reconfiguration "$f" ;;
    *) expect 0 "check $f" -- "$TC" metadata check "$f" ;;
  esac
done
for f in "$EX"/invalid/*.json; do
  expect 1 "check $f fails" -- "$TC" metadata check "$f"
  expect_err "$(cat "${f%.json}.error")"
done
expect 2 "missing file is a usage error" -- "$TC" metadata check "$T/none.json"
expect 2 "bad --to is a usage error" -- "$TC" metadata convert --to yaml "$EX/producer.json" "$T/x"
expect 1 "unsigned refused under --require-signature" -- \
  "$TC" metadata check --require-signature "$EX/producer.json"
expect_err "requires a signature"

# JSON → CBOR → JSON is stable.
expect 0 "convert to cbor" -- "$TC" metadata convert --to cbor "$EX/producer.json" "$T/p.cbor"
expect 0 "convert back to json" -- "$TC" metadata convert --to json "$T/p.cbor" "$T/p1.json"
expect 0 "convert json again" -- "$TC" metadata convert --to json "$T/p1.json" "$T/p2.json"
cmp -s "$T/p1.json" "$T/p2.json" || { echo "FAIL: JSON not stable"; failures=$((failures + 1)); }
expect 0 "check cbor" -- "$TC" metadata check "$T/p.cbor"

# keygen → sign → check; tamper; wrong key store.
mkdir -p "$T/keys" "$T/other"
expect 0 "keygen ed25519" -- "$TC" metadata keygen --kid fleet --out "$T"
expect 0 "keygen hmac" -- "$TC" metadata keygen --kid dev --alg hmac --out "$T"
cp "$T/fleet.ed25519.pub" "$T/dev.hmac" "$T/keys/"
sed 's/"code": "producer.wasm",/"code": "producer.wasm", "integrity": {"code_sha256": "'"$(printf '%064d' 0)"'"},/' \
  "$EX/producer.json" >"$T/signable.json"
expect 1 "sign refuses metadata without a code digest" -- \
  "$TC" metadata sign --key "$T/fleet.ed25519.sec" --kid fleet "$EX/producer.json" "$T/x.cose"
expect_err "integrity.code_sha256: required to sign"
expect 0 "sign ed25519" -- "$TC" metadata sign --key "$T/fleet.ed25519.sec" --kid fleet "$T/signable.json" "$T/s.cose"
expect 0 "sign hmac" -- "$TC" metadata sign --alg hmac --key "$T/dev.hmac" --kid dev "$T/signable.json" "$T/m.cose"
expect 0 "signed accepted" -- "$TC" metadata check --keys "$T/keys" --require-signature "$T/s.cose"
expect 0 "mac accepted" -- "$TC" metadata check --keys "$T/keys" --require-signature "$T/m.cose"
expect 1 "unknown kid" -- "$TC" metadata check --keys "$T/other" "$T/s.cose"
expect_err 'unknown key id "fleet"'
python3 - "$T/s.cose" "$T/t.cose" <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read()); b[40] ^= 1
open(sys.argv[2], 'wb').write(b)
PY
expect 1 "tampered refused" -- "$TC" metadata check --keys "$T/keys" "$T/t.cose"
expect_err "does not verify"
head -c 30 "$T/s.cose" >"$T/trunc.cose"
expect 1 "truncated refused" -- "$TC" metadata check --keys "$T/keys" "$T/trunc.cose"
echo "garbage" >"$T/keys/README"
expect 2 "malformed key dir is a usage error" -- "$TC" metadata check --keys "$T/keys" "$T/s.cose"
expect_err "unknown key file"
rm "$T/keys/README"
expect 0 "sign reconfiguration" -- "$TC" metadata sign --reconfiguration --key "$T/fleet.ed25519.sec" \
  --kid fleet "$EX/reconfigure-sensor-sampler.json" "$T/r.cose"
expect 0 "signed reconfiguration accepted" -- \
  "$TC" metadata check --reconfiguration --keys "$T/keys" --require-signature "$T/r.cose"
expect 1 "signed reconfiguration is not metadata" -- "$TC" metadata check --keys "$T/keys" "$T/r.cose"

echo "failures: $failures"
[ "$failures" -eq 0 ]
