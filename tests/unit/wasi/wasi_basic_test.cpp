// Unit tests: args/environ/clock/random/proc_exit and the standard streams, driven with
// a hand-built linear memory.
#include "wasi_fixture.hpp"

namespace tc::wasi::test {
namespace {

class WasiBasic : public WasiFixture {};

TEST_F(WasiBasic, ArgsSizesAndLayout) {
  make({}, {"prog", "a b", ""});
  ASSERT_EQ(call(&args_sizes_get, {i32(100), i32(104)}), 0);
  EXPECT_EQ(u32(100), 3u);
  EXPECT_EQ(u32(104), 5u + 4u + 1u);
  ASSERT_EQ(call(&args_get, {i32(200), i32(300)}), 0);
  EXPECT_EQ(u32(200), 300u);
  EXPECT_EQ(u32(204), 305u);
  EXPECT_EQ(u32(208), 309u);
  EXPECT_EQ(str(300, 10), std::string("prog\0a b\0\0", 10));
}

TEST_F(WasiBasic, EnvironLayout) {
  make({}, {"p"}, {"A=1", "HOME=/x"});
  ASSERT_EQ(call(&environ_sizes_get, {i32(100), i32(104)}), 0);
  EXPECT_EQ(u32(100), 2u);
  EXPECT_EQ(u32(104), 12u);
  ASSERT_EQ(call(&environ_get, {i32(200), i32(300)}), 0);
  EXPECT_EQ(str(u32(204), 7), "HOME=/x");
}

TEST_F(WasiBasic, PointersOutsideMemoryFault) {
  make({}, {"prog", "x"});
  EXPECT_EQ(call(&args_sizes_get, {i32(kMemSize - 2), i32(0)}), E(Errno::fault));
  EXPECT_EQ(call(&args_get, {i32(0), i32(kMemSize - 3)}), E(Errno::fault));
  EXPECT_EQ(call(&args_get, {i32(0xFFFFFFFF), i32(0)}), E(Errno::fault));
  EXPECT_EQ(call(&random_get, {i32(kMemSize - 10), i32(11)}), E(Errno::fault));
  EXPECT_EQ(call(&clock_time_get, {i32(1), i64(0), i32(kMemSize - 4)}), E(Errno::fault));
}

TEST_F(WasiBasic, ClocksAndRandom) {
  make();
  ASSERT_EQ(call(&clock_time_get, {i32(0), i64(1), i32(8)}), 0);
  EXPECT_GT(u64(8), 1'600'000'000ull * 1'000'000'000ull);  // after 2020
  ASSERT_EQ(call(&clock_time_get, {i32(1), i64(1), i32(16)}), 0);
  ASSERT_EQ(call(&clock_time_get, {i32(1), i64(1), i32(24)}), 0);
  EXPECT_GE(u64(24), u64(16));
  EXPECT_EQ(call(&clock_time_get, {i32(9), i64(1), i32(8)}), E(Errno::inval));
  ASSERT_EQ(call(&clock_res_get, {i32(1), i32(32)}), 0);
  EXPECT_GT(u64(32), 0u);
  ASSERT_EQ(call(&random_get, {i32(100), i32(64)}), 0);
  int nonzero = 0;
  for (int i = 0; i < 64; ++i) nonzero += memory_[100 + i] != 0;
  EXPECT_GT(nonzero, 32);
}

TEST_F(WasiBasic, ProcExitRequestsExit) {
  make();
  EXPECT_EQ(call(&proc_exit, {i32(42)}), -2);
  EXPECT_EQ(hc_.exit_code, 42);
}

TEST_F(WasiBasic, WriteGathersIovecsToStdout) {
  make();
  put_str(500, "hello ");
  put_str(600, "world\n");
  put_u32(100, 500); put_u32(104, 6);
  put_u32(108, 600); put_u32(112, 6);
  ASSERT_EQ(call(&fd_write, {i32(1), i32(100), i32(2), i32(120)}), 0);
  EXPECT_EQ(u32(120), 12u);
  EXPECT_EQ(stdout_->data(), "hello world\n");
  ASSERT_EQ(call(&fd_write, {i32(2), i32(100), i32(1), i32(120)}), 0);
  EXPECT_EQ(stderr_->data(), "hello ");
}

TEST_F(WasiBasic, WriteRejectsBadIovecs) {
  make();
  put_u32(100, kMemSize - 2); put_u32(104, 6);
  EXPECT_EQ(call(&fd_write, {i32(1), i32(100), i32(1), i32(120)}), E(Errno::fault));
  EXPECT_EQ(call(&fd_write, {i32(1), i32(kMemSize - 4), i32(1), i32(120)}), E(Errno::fault));
  EXPECT_EQ(call(&fd_write, {i32(1), i32(0), i32(0x20000000), i32(120)}), E(Errno::fault));
  EXPECT_EQ(stdout_->data(), "");
  EXPECT_EQ(call(&fd_write, {i32(0), i32(100), i32(0), i32(120)}), E(Errno::badf));
  EXPECT_EQ(call(&fd_write, {i32(77), i32(100), i32(0), i32(120)}), E(Errno::badf));
}

TEST_F(WasiBasic, OutputBeyondLimitTrapsAndTruncates) {
  make({}, {"p"}, {}, 8);
  put_str(500, "0123456789");
  put_u32(100, 500); put_u32(104, 10);
  EXPECT_EQ(call(&fd_write, {i32(1), i32(100), i32(1), i32(120)}), -1);
  EXPECT_TRUE(ctx_->output_limit_hit);
  EXPECT_TRUE(stdout_->truncated());
  EXPECT_EQ(stdout_->data(), "01234567");
  EXPECT_EQ(stdout_->total_bytes(), 10u);
}

TEST_F(WasiBasic, ReadFromStdin) {
  make();
  put_u32(100, 500); put_u32(104, 4);
  put_u32(108, 600); put_u32(112, 100);
  ASSERT_EQ(call(&fd_read, {i32(0), i32(100), i32(2), i32(120)}), 0);
  EXPECT_EQ(u32(120), 18u);
  EXPECT_EQ(str(500, 4), "line");
  EXPECT_EQ(str(600, 14), " one\nline two\n");
  ASSERT_EQ(call(&fd_read, {i32(0), i32(100), i32(2), i32(120)}), 0);
  EXPECT_EQ(u32(120), 0u);  // end of input
  EXPECT_EQ(call(&fd_read, {i32(1), i32(100), i32(1), i32(120)}), E(Errno::badf));
}

TEST_F(WasiBasic, StdioStatSeekClose) {
  make();
  ASSERT_EQ(call(&fd_fdstat_get, {i32(1), i32(100)}), 0);
  EXPECT_EQ(memory_[100], static_cast<std::uint8_t>(FileType::character_device));
  EXPECT_NE(u64(108) & rights::fd_write, 0u);
  EXPECT_EQ(call(&fd_seek, {i32(1), i64(0), i32(0), i32(200)}), E(Errno::spipe));
  EXPECT_EQ(call(&fd_prestat_get, {i32(0), i32(200)}), E(Errno::badf));
  EXPECT_EQ(call(&fd_prestat_get, {i32(3), i32(200)}), E(Errno::badf));
  ASSERT_EQ(call(&fd_close, {i32(1)}), 0);
  EXPECT_EQ(call(&fd_close, {i32(1)}), E(Errno::badf));
  EXPECT_EQ(call(&fd_fdstat_get, {i32(1), i32(100)}), E(Errno::badf));
}

TEST_F(WasiBasic, UnsupportedReturnsNosys) {
  make();
  EXPECT_EQ(call(&unsupported, {}), E(Errno::nosys));
}

TEST(WasiIo, BoundedSinkCountsAndTruncates) {
  BoundedSink s(5);
  const std::uint8_t a[] = {'a', 'b', 'c'};
  EXPECT_TRUE(s.write(a));
  EXPECT_FALSE(s.write(a));
  EXPECT_EQ(s.data(), "abcab");
  EXPECT_EQ(s.total_bytes(), 6u);
  EXPECT_TRUE(s.truncated());
}

TEST(WasiContextSetup, MissingPreopenIsSetupError) {
  PosixHost host;
  WasiConfig cfg;
  cfg.host = &host;
  cfg.preopens.push_back({"/nonexistent/tc-wasi-dir", "/data", false});
  auto ctx = WasiContext::create(std::move(cfg));
  ASSERT_FALSE(ctx.has_value());
  EXPECT_EQ(ctx.error().phase, Phase::setup);
  EXPECT_NE(ctx.error().message.find("/nonexistent/tc-wasi-dir"), std::string::npos);
}

}  // namespace
}  // namespace tc::wasi::test
