#!/usr/bin/env bash
# Builds a gzip'd newc initramfs holding busybox-static, tests/vm/init.sh as /init, the
# scripts given with --script and the binaries given with --bin plus every shared
# library they need (collected with ldd).
# Usage: build_initramfs.sh OUT.cpio.gz [--bin FILE]... [--script FILE]...
set -euo pipefail
out=${1:?usage: build_initramfs.sh OUT.cpio.gz [--bin FILE]... [--script FILE]...}
shift
here=$(cd "$(dirname "$0")" && pwd)
stage=$(mktemp -d "${out%.cpio.gz}.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"  # mktemp makes it 0700: the guest root must be traversable
mkdir -p "$stage"/{bin,proc,sys,dev,tmp,lib,lib64}
chmod 1777 "$stage/tmp"
cp /bin/busybox "$stage/bin/busybox"
cp "$here/init.sh" "$stage/init"
chmod 755 "$stage/init"

copy_lib() {  # copies a library to the same path inside the image
  local lib=$1
  mkdir -p "$stage$(dirname "$lib")"
  cp -L "$lib" "$stage$lib"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --bin)
      cp "$2" "$stage/bin/"
      for lib in $(ldd "$2" | grep -o '/[^ ]*'); do copy_lib "$lib"; done
      shift 2 ;;
    --script)
      cp "$2" "$stage/"
      shift 2 ;;
    *) echo "build_initramfs: unknown argument $1" >&2; exit 2 ;;
  esac
done
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$out.tmp"
mv "$out.tmp" "$out"
