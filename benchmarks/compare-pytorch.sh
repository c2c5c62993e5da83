#!/usr/bin/env bash
# Trains the same addition model with MLNet.Seq2Seq's CLI and with benchmarks/pytorch/seq2seq.py on the same data and
# threads, then prints per-epoch training seconds, held-out exact match at equal epochs, single-prediction latency,
# batch greedy decoding throughput and our training run's peak memory, each with PyTorch's figure and the ratio.
#
# Usage: benchmarks/compare-pytorch.sh [--quick]
# Environment: EPOCHS (default 5), PAIRS (default 50000), THREADS (default 2), LATENCY_COUNT (default 10000),
#              DECODE_BATCH (default 1000), SEEDS (default "1 2 3 4 5 6 7 8": after a few epochs exact match still
#              varies by several points from seed to seed on both sides, so accuracy is compared as the mean over these
#              training seeds, with the standard error of the difference; speed, latency and memory come from the
#              first seed), WORK (scratch folder, default a new temporary one; kept).
# --quick (or QUICK=1): a smoke run of seconds (1 epoch, 5,000 pairs, 1,000 timed predictions, batch 200).
# Run it on an otherwise idle machine: both sides are timed in the same run and compete for nothing else.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${1:-}" == "--quick" || "${QUICK:-0}" == "1" ]]; then
  EPOCHS="${EPOCHS:-1}" PAIRS="${PAIRS:-5000}" LATENCY_COUNT="${LATENCY_COUNT:-1000}" DECODE_BATCH="${DECODE_BATCH:-200}" SEEDS="${SEEDS:-1}"
fi
EPOCHS="${EPOCHS:-5}"
PAIRS="${PAIRS:-50000}"
THREADS="${THREADS:-2}"
LATENCY_COUNT="${LATENCY_COUNT:-10000}"
DECODE_BATCH="${DECODE_BATCH:-1000}"
SEEDS="${SEEDS:-1 2 3 4 5 6 7 8}"
read -r -a seeds <<< "$SEEDS"
WORK="${WORK:-$(mktemp -d -t compare-pytorch.XXXXXX)}"
mkdir -p "$WORK"

# PyTorch from Debian, with OpenBLAS: without it Debian's PyTorch uses the reference BLAS, about 3.5x slower.
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  sudo_cmd=()
  [[ "$(id -u)" != 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
fi
for tool in /usr/bin/time /usr/bin/python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "compare-pytorch.sh: $tool is missing" >&2; exit 1; }
done

echo "== build (Release)" >&2
dotnet build "$repo/src/MLNet.Seq2Seq.Cli" -c Release -v quiet -nologo >&2
dotnet build "$repo/benchmarks/MLNet.Seq2Seq.Benchmarks" -c Release -v quiet -nologo >&2
cli="$repo/src/MLNet.Seq2Seq.Cli/bin/Release/net10.0/seq2seq"
bench="$repo/benchmarks/MLNet.Seq2Seq.Benchmarks/bin/Release/net10.0/MLNet.Seq2Seq.Benchmarks"

echo "== data: $PAIRS pairs (seed 1), 10% held out, in $WORK" >&2
/usr/bin/python3 "$repo/benchmarks/pytorch/make_addition_data.py" "$PAIRS" 1 "$WORK/train.tsv" "$WORK/test.tsv"

echo "== MLNet.Seq2Seq: train $EPOCHS epoch(s) on $THREADS thread(s)" >&2
/usr/bin/time -v -o "$WORK/ours-time.txt" "$cli" train --train "$WORK/train.tsv" --model "$WORK/ours.zip" \
  --reverse --decoder peeky --embedding 16 --hidden 128 --batch 128 --learning-rate 0.005 --clip 5 \
  --epochs "$EPOCHS" --threads "$THREADS" --seed "${seeds[0]}" --metrics "$WORK/ours-metrics.json" --quiet >&2
"$cli" evaluate --model "$WORK/ours.zip" --data "$WORK/test.tsv" --json > "$WORK/ours-eval.json"
echo "== MLNet.Seq2Seq: latency and batch decoding" >&2
"$bench" latency --model="$WORK/ours.zip" --count="$LATENCY_COUNT" | tee "$WORK/ours-latency.txt" >&2
"$bench" decode --model="$WORK/ours.zip" --batch="$DECODE_BATCH" | tee "$WORK/ours-decode.txt" >&2

echo "== PyTorch: train $EPOCHS epoch(s) on $THREADS thread(s), latency, batch decoding" >&2
/usr/bin/python3 "$repo/benchmarks/pytorch/seq2seq.py" --train "$WORK/train.tsv" --test "$WORK/test.tsv" \
  --epochs "$EPOCHS" --threads "$THREADS" --latency-count "$LATENCY_COUNT" --decode-batch "$DECODE_BATCH" \
  --seed "${seeds[0]}" > "$WORK/pytorch.json"

for seed in "${seeds[@]:1}"; do
  echo "== accuracy with training seed $seed: MLNet.Seq2Seq, then PyTorch" >&2
  "$cli" train --train "$WORK/train.tsv" --model "$WORK/ours-seed$seed.zip" \
    --reverse --decoder peeky --embedding 16 --hidden 128 --batch 128 --learning-rate 0.005 --clip 5 \
    --epochs "$EPOCHS" --threads "$THREADS" --seed "$seed" --quiet >&2
  "$cli" evaluate --model "$WORK/ours-seed$seed.zip" --data "$WORK/test.tsv" --json > "$WORK/ours-eval-seed$seed.json"
  /usr/bin/python3 "$repo/benchmarks/pytorch/seq2seq.py" --train "$WORK/train.tsv" --test "$WORK/test.tsv" \
    --epochs "$EPOCHS" --threads "$THREADS" --seed "$seed" --accuracy-only > "$WORK/pytorch-seed$seed.json"
done

/usr/bin/python3 - "$WORK" "$THREADS" "${seeds[@]}" <<'PY'
import json, re, sys
work, threads, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
ours = json.load(open(f"{work}/ours-metrics.json"))["epochs"]
ours_eval = json.load(open(f"{work}/ours-eval.json"))
torch = json.load(open(f"{work}/pytorch.json"))
latency = open(f"{work}/ours-latency.txt").read()
decode = open(f"{work}/ours-decode.txt").read()
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{work}/ours-time.txt").read()).group(1))
p50, p99 = map(float, re.search(r"PredictionEngine.*?p50 ([\d.]+) us, p99 ([\d.]+) us", latency).groups())
ours_tput = max(float(x) for x in re.findall(r"thread\(s\): (\d+) predictions/s best", decode))
ours_tput_threads = float(re.search(rf"{threads} thread\(s\): (\d+) predictions/s best", decode).group(1))
torch_tput = max(torch["decode_predictions_per_second"].values())
torch_tput_threads = max(torch["decode_predictions_per_second"], key=torch["decode_predictions_per_second"].get)

print(f"PyTorch {torch['torch']} with BLAS {torch['blas']}; {threads} thread(s); results in {work}")
print()
print("| epoch | ours s | PyTorch s | speed-up | ours loss | PyTorch loss |")
print("|--:|--:|--:|--:|--:|--:|")
for o, t in zip(ours, torch["epochs"]):
    print(f"| {o['epoch']} | {o['train_seconds']:.2f} | {t['train_seconds']:.2f} | {t['train_seconds'] / o['train_seconds']:.1f}x | {o['train_loss']:.4f} | {t['train_loss']:.4f} |")
ours_mean = sum(o["train_seconds"] for o in ours) / len(ours)
torch_mean = sum(t["train_seconds"] for t in torch["epochs"]) / len(torch["epochs"])
ours_exact = [ours_eval["exact_match"]] + [json.load(open(f"{work}/ours-eval-seed{s}.json"))["exact_match"] for s in seeds[1:]]
torch_exact = [torch["exact_match"]] + [json.load(open(f"{work}/pytorch-seed{s}.json"))["exact_match"] for s in seeds[1:]]
ours_exact_mean = sum(ours_exact) / len(ours_exact)
torch_exact_mean = sum(torch_exact) / len(torch_exact)


def variance(values, mean):
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1) if len(values) > 1 else 0.0


# Standard error of the difference of the two means (independent seeds on each side).
exact_se = (variance(ours_exact, ours_exact_mean) / len(ours_exact) + variance(torch_exact, torch_exact_mean) / len(torch_exact)) ** 0.5
print()
print("| training seed | ours exact match | PyTorch exact match |")
print("|--:|--:|--:|")
for s, o, t in zip(seeds, ours_exact, torch_exact):
    print(f"| {s} | {o:.2%} | {t:.2%} |")
print()
print("| figure | ours | PyTorch | ratio (ours better when > 1) |")
print("|---|--:|--:|--:|")
print(f"| training s per epoch (mean) | {ours_mean:.2f} | {torch_mean:.2f} | {torch_mean / ours_mean:.1f}x |")
print(f"| held-out exact match after {len(ours)} epoch(s), mean of {len(seeds)} seed(s) | {ours_exact_mean:.2%} | {torch_exact_mean:.2%} | {ours_exact_mean - torch_exact_mean:+.2%} (standard error {exact_se:.2%}) |")
print(f"| single prediction p50 (us) | {p50:.1f} | {torch['latency_p50_us']:.1f} | {torch['latency_p50_us'] / p50:.1f}x |")
print(f"| single prediction p99 (us) | {p99:.1f} | {torch['latency_p99_us']:.1f} | {torch['latency_p99_us'] / p99:.1f}x |")
print(f"| batch decoding predictions/s ({threads} threads ours; PyTorch best of 1, 2: {torch_tput_threads}) | {ours_tput_threads:.0f} | {torch_tput:.0f} | {ours_tput_threads / torch_tput:.1f}x |")
print(f"| training peak RSS (MB) | {rss_kb / 1024:.0f} | | |")
print()
targets = [
    ("training >= 5x PyTorch per epoch", torch_mean / ours_mean >= 5),
    ("exact match matches or beats PyTorch's (mean over seeds, within one standard error)", ours_exact_mean >= torch_exact_mean - exact_se),
    ("single prediction p50 <= 100 us", p50 <= 100),
    ("batch decoding >= 40,000 predictions/s", ours_tput_threads >= 40000),
    ("training peak memory < 300 MB", rss_kb / 1024 < 300),
]
for name, met in targets:
    print(f"target {'met   ' if met else 'MISSED'}: {name}")
PY
