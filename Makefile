# tinycontainer — the two commands:
#   make run    installs dependencies, builds, runs the default demo
#   make test   installs dependencies, builds (normal + ASan/UBSan), runs every test
# Both are idempotent.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
CMAKE_GEN  ?= -G Ninja

# ccache (installed by scripts/install-deps.sh) makes rebuilds and repeated clean builds
# cheap; paths are taken relative to the checkout so clones at other paths share it.
ifneq ($(shell command -v ccache 2>/dev/null),)
  LAUNCHER := -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache
  export CCACHE_BASEDIR := $(CURDIR)
  export CCACHE_NOHASHDIR := 1
endif

.PHONY: all deps build asan-build run test test-asan bench format tidy clean

all: build

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) $(LAUNCHER) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

asan-build: deps
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) $(LAUNCHER) -DCMAKE_BUILD_TYPE=Debug -DTC_SANITIZE=ON -DTC_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)

run: build
	bash scripts/demo.sh $(BUILD)

# The ASan/UBSan unit tests run first; the full suite runs last so that ctest's
# summary is the closing output.
test-asan: asan-build
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

test: build test-asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	bash bench/run_all.sh $(BUILD)

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

tidy: build
	git ls-files 'src/*.cpp' | xargs clang-tidy -p $(BUILD) --quiet

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
