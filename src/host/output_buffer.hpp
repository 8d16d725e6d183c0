// tinycontainer host — a container's captured standard output and error.
//
// Contract: a long-running container may print forever, so each stream keeps only its
// *last* `capacity` bytes (a tail), counts every byte written and says how many were
// dropped; writes always succeed (a container is never stopped for printing). Memory is
// allocated on first write only (an idle, silent container costs two empty strings).
// Thread-safe: the scheduler thread writes, control threads read.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>

#include "wasm/wasi/io.hpp"

namespace tc::host {

struct CapturedOutput {
  std::string data;         // the last bytes written (at most the capacity)
  std::uint64_t total = 0;  // every byte written
  std::uint64_t dropped = 0;
};

struct ContainerOutput {
  CapturedOutput out;
  CapturedOutput err;
};

class OutputBuffer {
 public:
  static constexpr std::size_t kDefaultCapacity = 16 * 1024;
  explicit OutputBuffer(std::size_t capacity = kDefaultCapacity);

  void write(int stream, std::span<const std::uint8_t> bytes) noexcept;  // 1 = out, 2 = err
  [[nodiscard]] ContainerOutput snapshot() const;
  void clear() noexcept;
  wasi::OutputSink& sink(int stream) noexcept { return stream == 2 ? err_sink_ : out_sink_; }

 private:
  class Sink final : public wasi::OutputSink {
   public:
    Sink(OutputBuffer& owner, int stream) : owner_(owner), stream_(stream) {}
    bool write(std::span<const std::uint8_t> bytes) noexcept override {
      owner_.write(stream_, bytes);
      return true;
    }

   private:
    OutputBuffer& owner_;
    int stream_;
  };

  std::size_t capacity_;
  mutable std::mutex mu_;
  CapturedOutput out_, err_;
  Sink out_sink_{*this, 1}, err_sink_{*this, 2};
};

}  // namespace tc::host
