// Test fixture: a WasiContext over a hand-built 64 KiB linear memory, with bounded
// stdout/stderr sinks, a stdin buffer and an optional preopened temporary directory.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "wasm/store.hpp"
#include "wasm/wasi/context.hpp"
#include "wasm/wasi/functions.hpp"

namespace tc::wasi::test {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tc-wasi-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }
  void write(const std::string& rel, const std::string& content) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

class WasiFixture : public ::testing::Test {
 protected:
  static constexpr std::uint32_t kMemSize = 65536;

  void make(std::vector<Preopen> preopens = {}, std::vector<std::string> args = {"prog"},
            std::vector<std::string> env = {}, std::uint64_t out_limit = 1 << 20) {
    stdout_ = std::make_unique<BoundedSink>(out_limit);
    stderr_ = std::make_unique<BoundedSink>(out_limit);
    WasiConfig cfg;
    cfg.args = std::move(args);
    cfg.env = std::move(env);
    cfg.preopens = std::move(preopens);
    cfg.stdin_source = &stdin_;
    cfg.stdout_sink = stdout_.get();
    cfg.stderr_sink = stderr_.get();
    cfg.host = &host_;
    auto ctx = WasiContext::create(std::move(cfg));
    ASSERT_TRUE(ctx.has_value()) << ctx.error().describe();
    ctx_ = std::move(*ctx);
    memory_.assign(kMemSize, 0);
    mem_.data = memory_.data();
    mem_.size_bytes = kMemSize;
    mem_.pages = 1;
    hc_.memory = &mem_;
    hc_.user = ctx_.get();
  }

  // Calls a WASI function; returns its errno result (or -1 for trap, -2 for exit).
  int call(tc::wasm::HostFn fn, std::initializer_list<tc::wasm::Value> args) {
    std::vector<tc::wasm::Value> a(args);
    tc::wasm::Value result;
    last_status_ = fn(hc_, a.data(), &result);
    if (last_status_ == tc::wasm::HostStatus::trap) return -1;
    if (last_status_ == tc::wasm::HostStatus::exit) return -2;
    return static_cast<int>(result.as_u32());
  }
  static tc::wasm::Value i32(std::uint32_t v) { return tc::wasm::Value::i32(v); }
  static tc::wasm::Value i64(std::uint64_t v) { return tc::wasm::Value::i64(v); }

  std::uint32_t u32(std::uint32_t addr) const {
    std::uint32_t v;
    std::memcpy(&v, memory_.data() + addr, 4);
    return v;
  }
  std::uint64_t u64(std::uint32_t addr) const {
    std::uint64_t v;
    std::memcpy(&v, memory_.data() + addr, 8);
    return v;
  }
  void put_u32(std::uint32_t addr, std::uint32_t v) { std::memcpy(memory_.data() + addr, &v, 4); }
  void put_str(std::uint32_t addr, const std::string& s) { std::memcpy(memory_.data() + addr, s.data(), s.size()); }
  std::string str(std::uint32_t addr, std::uint32_t len) const {
    return std::string(reinterpret_cast<const char*>(memory_.data() + addr), len);
  }
  static int E(Errno e) { return static_cast<int>(e); }

  // Opens `path` below guest fd `dir`; returns errno, fd in *fd.
  int open(std::uint32_t dir, const std::string& path, std::uint32_t oflags, std::uint64_t rights,
           std::uint32_t* fd, std::uint32_t lookup = 0) {
    put_str(1000, path);
    const int e = call(&path_open, {i32(dir), i32(lookup), i32(1000), i32(static_cast<std::uint32_t>(path.size())),
                                    i32(oflags), i64(rights), i64(rights), i32(0), i32(2000)});
    *fd = u32(2000);
    return e;
  }

  BufferSource stdin_{"line one\nline two\n"};
  std::unique_ptr<BoundedSink> stdout_, stderr_;
  PosixHost host_;
  std::unique_ptr<WasiContext> ctx_;
  std::vector<std::uint8_t> memory_;
  tc::wasm::Memory mem_;
  tc::wasm::HostContext hc_;
  tc::wasm::HostStatus last_status_ = tc::wasm::HostStatus::ok;
};

}  // namespace tc::wasi::test
