#!/usr/bin/env python3
"""Writes the addition data both sides of benchmarks/compare-pytorch.sh train on: PAIRS pairs "a+b<TAB>a+b's value"
with operands drawn uniformly from 0..999 by a seeded generator, the last 10% as the held-out file.

Usage: make_addition_data.py PAIRS SEED TRAIN.tsv TEST.tsv
"""
import random
import sys


def main():
    pairs, seed, train_path, test_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rng = random.Random(seed)
    lines = []
    for _ in range(pairs):
        a, b = rng.randint(0, 999), rng.randint(0, 999)
        lines.append(f"{a}+{b}\t{a + b}\n")
    held_out = pairs // 10
    with open(train_path, "w", encoding="utf-8") as f:
        f.writelines(lines[:pairs - held_out])
    with open(test_path, "w", encoding="utf-8") as f:
        f.writelines(lines[pairs - held_out:])


if __name__ == "__main__":
    main()
