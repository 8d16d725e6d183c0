#!/usr/bin/env bash
# Downloads Debian's cloud kernel (linux-image-cloud-amd64 → its linux-image-*-cloud-amd64
# dependency) into CACHE_DIR with `apt-get download` and unpacks it with `dpkg -x`.
# Nothing is installed. Idempotent: a cache with a kernel is reused.
# Usage: fetch_kernel.sh CACHE_DIR      → prints the path of the vmlinuz
set -euo pipefail
cache=${1:?usage: fetch_kernel.sh CACHE_DIR}
mkdir -p "$cache"
cd "$cache"
if [ -s vmlinuz ] && [ -f kernel-version ]; then
  echo "$cache/vmlinuz"
  exit 0
fi

download() {  # apt-get download, refreshing the package lists once if it fails
  apt-get -q -o APT::Sandbox::User=root download "$@" >/dev/null 2>&1 && return 0
  echo "fetch_kernel: apt-get download $* failed; running apt-get update" >&2
  apt-get -q update >/dev/null
  apt-get -q -o APT::Sandbox::User=root download "$@" >/dev/null
}

rm -f ./*.deb
download linux-image-cloud-amd64
meta=$(ls linux-image-cloud-amd64_*.deb)
image=$(dpkg-deb -f "$meta" Depends | tr ',|' '\n\n' | sed 's/[ (].*//; s/^ *//' |
        grep -E '^linux-image-[0-9].*-cloud-amd64$' | head -n1)
[ -n "$image" ] || { echo "fetch_kernel: no kernel image in the Depends of $meta" >&2; exit 1; }
download "$image"
rm -rf unpacked
dpkg -x "$image"_*.deb unpacked
kernel=$(ls unpacked/boot/vmlinuz-* | head -n1)
cp "$kernel" vmlinuz.tmp && mv vmlinuz.tmp vmlinuz
basename "$kernel" | sed 's/^vmlinuz-//' > kernel-version
# Serial 8250, initrd and every cgroup controller are built into the cloud kernel: the
# guest needs no module, so only the kernel image is kept.
rm -rf unpacked ./*.deb
echo "$cache/vmlinuz"
