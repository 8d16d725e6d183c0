// Test support: a classic-BPF interpreter for seccomp programs (range_compiler_test.cpp and
// the seccomp profile fuzz target compare the range compiler with libseccomp through it).
#pragma once

#include <linux/audit.h>
#include <linux/filter.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace tc::seccomp::testing {

struct Input {
  std::uint32_t arch = AUDIT_ARCH_X86_64;
  std::uint32_t nr = 0;
  std::array<std::uint64_t, 6> args{};
};

// A classic-BPF interpreter for seccomp programs: the result, or nullopt for an
// instruction it does not know or a jump out of the program (a test failure either way).
inline std::optional<std::uint32_t> run_bpf(const std::vector<sock_filter>& prog, const Input& in) {
  std::array<std::uint8_t, 64> data{};
  std::memcpy(data.data(), &in.nr, 4);
  std::memcpy(data.data() + 4, &in.arch, 4);
  for (std::size_t i = 0; i < 6; ++i) std::memcpy(data.data() + 16 + 8 * i, &in.args[i], 8);
  std::uint32_t a = 0, x = 0;
  std::array<std::uint32_t, BPF_MEMWORDS> mem{};
  for (std::size_t pc = 0; pc < prog.size(); ++pc) {
    const sock_filter& f = prog[pc];
    const std::uint32_t src = BPF_SRC(f.code) == BPF_X ? x : f.k;
    switch (BPF_CLASS(f.code)) {
      case BPF_LD:
        if (f.code == (BPF_LD | BPF_W | BPF_ABS)) {
          if (f.k + 4 > data.size()) return std::nullopt;
          std::memcpy(&a, data.data() + f.k, 4);
        } else if (f.code == (BPF_LD | BPF_MEM)) {
          a = mem.at(f.k);
        } else if (f.code == (BPF_LD | BPF_IMM)) {
          a = f.k;
        } else {
          return std::nullopt;
        }
        break;
      case BPF_LDX:
        if (f.code == (BPF_LDX | BPF_MEM))
          x = mem.at(f.k);
        else if (f.code == (BPF_LDX | BPF_IMM))
          x = f.k;
        else
          return std::nullopt;
        break;
      case BPF_ST:
        mem.at(f.k) = a;
        break;
      case BPF_STX:
        mem.at(f.k) = x;
        break;
      case BPF_ALU:
        switch (BPF_OP(f.code)) {
          case BPF_AND:
            a &= src;
            break;
          case BPF_OR:
            a |= src;
            break;
          case BPF_ADD:
            a += src;
            break;
          case BPF_SUB:
            a -= src;
            break;
          case BPF_RSH:
            a >>= src;
            break;
          case BPF_LSH:
            a <<= src;
            break;
          default:
            return std::nullopt;
        }
        break;
      case BPF_JMP: {
        if (BPF_OP(f.code) == BPF_JA) {
          pc += f.k;
          break;
        }
        bool c = false;
        switch (BPF_OP(f.code)) {
          case BPF_JEQ:
            c = a == src;
            break;
          case BPF_JGT:
            c = a > src;
            break;
          case BPF_JGE:
            c = a >= src;
            break;
          case BPF_JSET:
            c = (a & src) != 0;
            break;
          default:
            return std::nullopt;
        }
        pc += c ? f.jt : f.jf;
        break;
      }
      case BPF_RET:
        return BPF_RVAL(f.code) == BPF_A ? a : f.k;
      case BPF_MISC:
        if (BPF_MISCOP(f.code) == BPF_TAX)
          x = a;
        else
          a = x;
        break;
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;  // fell off the end
}

}  // namespace tc::seccomp::testing
