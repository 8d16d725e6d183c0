// The argv/env blob a deferred-command sandbox's init reads (linux/deferred_command.hpp).
#include "linux/deferred_command.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace {

using tc::sandbox::decode_process;
using tc::sandbox::encode_process;
using tc::sandbox::read_process_blob;

std::string payload_of(const std::string& blob) {
  return blob.substr(4);
}

TEST(DeferredCommandWire, RoundTrips) {
  std::vector<std::string> args{"python3", "-c", "print('a b')", ""};
  std::vector<std::string> env{"PATH=/usr/bin", "EMPTY="};
  std::vector<std::string> a, e;
  ASSERT_TRUE(decode_process(payload_of(encode_process(args, env)), a, e));
  EXPECT_EQ(a, args);
  EXPECT_EQ(e, env);
}

TEST(DeferredCommandWire, RefusesMalformedPayloads) {
  const std::string good = payload_of(encode_process({"true"}, {"A=1"}));
  std::vector<std::string> a, e;
  for (std::size_t cut = 0; cut < good.size(); ++cut)
    EXPECT_FALSE(decode_process(good.substr(0, cut), a, e)) << "truncated at " << cut;
  EXPECT_FALSE(decode_process(good + "x", a, e)) << "trailing bytes";
  EXPECT_FALSE(decode_process(payload_of(encode_process({}, {})), a, e)) << "no argv";
  std::string huge = good;
  huge[0] = '\xff';
  huge[1] = '\xff';
  EXPECT_FALSE(decode_process(huge, a, e)) << "counts beyond the bytes";
}

TEST(DeferredCommandWire, ReadsOneBlobFromAPipeAndRefusesEofAndOversize) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  const std::string blob = encode_process({"sh", "-c", "exit 3"}, {});
  ASSERT_EQ(::write(p[1], blob.data(), blob.size()), static_cast<ssize_t>(blob.size()));
  auto got = read_process_blob(p[0]);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(*got, payload_of(blob));
  ::close(p[1]);
  auto eof = read_process_blob(p[0]);
  ASSERT_FALSE(eof);
  EXPECT_NE(eof.error().message.find("cancelled"), std::string::npos);
  ::close(p[0]);

  ASSERT_EQ(::pipe(p), 0);
  const std::uint32_t too_big = tc::sandbox::kMaxProcessBlob + 1;
  ASSERT_EQ(::write(p[1], &too_big, sizeof too_big), 4);
  EXPECT_FALSE(read_process_blob(p[0]));
  ::close(p[0]);
  ::close(p[1]);
}

}  // namespace
