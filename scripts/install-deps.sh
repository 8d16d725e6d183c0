#!/usr/bin/env bash
# Installs every Debian package tinycontainer needs to build, test and benchmark.
# Idempotent: apt-get skips what is already installed. Must run as root (or via sudo).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PKGS=(
  # build
  build-essential cmake ninja-build pkg-config git ccache
  # runtime libraries
  libseccomp-dev libcap-dev nlohmann-json3-dev libcpp-httplib-dev libcli11-dev
  libfmt-dev libspdlog-dev libcbor-dev libsodium-dev libcoap3-dev libcoap3-bin libsqlite3-dev zlib1g-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang lld llvm libclang-rt-14-dev wasi-libc libclang-rt-14-dev-wasm32
  wabt bubblewrap crun hyperfine uidmap iproute2 procps python3 nodejs wrk
  # cgroup v2 virtual-machine tests (the kernel, linux-image-cloud-amd64, is not installed:
  # tests/vm/fetch_kernel.sh fetches it with `apt-get download` + `dpkg -x` into the build tree)
  qemu-system-x86 busybox-static cpio
  # tooling
  clang-format clang-tidy
  # TinyML host service (src/ml, docs/ML.md): ONNX protobuf classes + model training
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx python3-sklearn python3-numpy
)

# `--fuzz` adds the libFuzzer toolchain (tests/fuzz/build.sh): clang 16 is the first
# Debian clang whose C++ front end handles libstdc++ 12's std::expected (P0848). Not needed
# by `make test` (the fuzz corpora are replayed there by g++-built drivers).
if [ "${1:-}" = "--fuzz" ]; then
  PKGS+=(clang-16 libclang-rt-16-dev)
fi

stamp=/var/lib/apt/periodic/tinycontainer-update-stamp
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
$SUDO mkdir -p "$(dirname "$stamp")" && $SUDO touch "$stamp"
