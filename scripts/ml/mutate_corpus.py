#!/usr/bin/python3
"""Poor man's fuzzing without libFuzzer: writes N deterministic mutations (bit flips, byte
sets to boundary values, truncations, splices, varint bumps) of the ONNX fuzz corpus into
OUT_DIR, for replay by a sanitizer build of the fuzz driver:

  scripts/ml/mutate_corpus.py /tmp/ml-mut 5000
  build-asan/tests/ml/ml_fuzz_replay /tmp/ml-mut
"""
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..")
seeds_dirs = [os.path.join(root, "tests", "ml", "fuzz", "corpus"), os.path.join(root, "examples", "ml-digits", "model")]


def main():
    out_dir, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(out_dir, exist_ok=True)
    seeds = []
    for d in seeds_dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith(".onnx"):
                seeds.append(open(os.path.join(d, f), "rb").read())
    rng = random.Random(1)
    for i in range(n):
        b = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            op = rng.randrange(5)
            if not b:
                break
            p = rng.randrange(len(b))
            if op == 0:
                b[p] ^= 1 << rng.randrange(8)
            elif op == 1:
                b[p] = rng.choice([0, 1, 0x7f, 0x80, 0xff])
            elif op == 2:
                del b[p:]
            elif op == 3:
                other = rng.choice(seeds)
                q = rng.randrange(len(other))
                b[p:p] = other[q:q + rng.randint(1, 64)]
            else:
                b[p:p + 1] = bytes([0xff, 0xff, 0xff, 0x0f])
        with open(os.path.join(out_dir, "m%05d.onnx" % i), "wb") as f:
            f.write(bytes(b))


if __name__ == "__main__":
    main()
