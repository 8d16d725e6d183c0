#!/usr/bin/env python3
"""Writes a large C program (for the ~1 MB module load benchmark) to stdout.

N functions of varied integer/float code (loops, switches, calls, memory access) are
reachable through a function-pointer table so the linker keeps them all; main() calls
them only when given an argument, so a plain run measures load + validate + compile +
instantiate, not execution.
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
rng = random.Random(42)
out = ["#include <stdint.h>", "#include <stdio.h>", "static uint32_t mem[4096];", "static double fm[512];"]
for i in range(n):
    a, b, c = rng.randrange(1, 1 << 16), rng.randrange(1, 64), rng.randrange(3, 31)
    callee = f"f{rng.randrange(0, i)}(x ^ {a}u)" if i > 0 else "x"
    out.append(f"""__attribute__((noinline)) uint32_t f{i}(uint32_t x) {{
  uint32_t acc = {a}u;
  for (uint32_t k = 0; k < (x & {b}u); ++k) {{
    acc = (acc << {c % 7 + 1}) ^ (acc >> {c}) ^ mem[(acc + k) & 4095u];
    mem[(k * {c}u) & 4095u] += acc;
    switch ((acc ^ k) & 7u) {{
      case 0: acc += {a}u; break;
      case 1: acc ^= x * {b}u; break;
      case 2: acc = acc * 2654435761u + {c}u; break;
      case 3: fm[k & 511u] = fm[k & 511u] * 0.5 + (double)acc; break;
      case 4: acc -= (uint32_t)fm[(acc >> 3) & 511u]; break;
      case 5: acc = (acc >> 1) | (acc << 31); break;
      default: acc += k;
    }}
  }}
  if ((x & 255u) == {a & 255}u) acc += {callee};
  return acc;
}}""")
out.append("typedef uint32_t (*fn)(uint32_t);")
out.append("static fn table[] = {" + ", ".join(f"f{i}" for i in range(n)) + "};")
out.append("""int main(int argc, char** argv) {
  (void)argv;
  uint32_t acc = 0;
  if (argc > 1)
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; ++i) acc += table[i](acc + i);
  printf("%u\\n", acc);
  return 0;
}""")
print("\n".join(out))
