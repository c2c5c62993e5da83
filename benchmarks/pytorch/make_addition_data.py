#!/usr/bin/env python3
"""Writes the addition data both sides of benchmarks/compare-pytorch.sh train on: PAIRS pairs "a+b<TAB>a+b's value"
with operands drawn uniformly from 0..999 by a seeded generator, the last 10% as the held-out file. With VALID.tsv,
another PAIRS // 10 pairs are drawn after those (so the training and held-out files stay the same) for choosing the
best epoch.

Usage: make_addition_data.py PAIRS SEED TRAIN.tsv TEST.tsv [VALID.tsv]
"""
import random
import sys


def draw(rng):
    a, b = rng.randint(0, 999), rng.randint(0, 999)
    return f"{a}+{b}\t{a + b}\n"


def main():
    pairs, seed, train_path, test_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    valid_path = sys.argv[5] if len(sys.argv) > 5 else None
    rng = random.Random(seed)
    held_out = pairs // 10
    lines = [draw(rng) for _ in range(pairs)]
    if valid_path is not None:
        with open(valid_path, "w", encoding="utf-8") as f:
            f.writelines(draw(rng) for _ in range(held_out))
    with open(train_path, "w", encoding="utf-8") as f:
        f.writelines(lines[:pairs - held_out])
    with open(test_path, "w", encoding="utf-8") as f:
        f.writelines(lines[pairs - held_out:])


if __name__ == "__main__":
    main()
