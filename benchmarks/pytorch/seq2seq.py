#!/usr/bin/env python3
"""The PyTorch side of benchmarks/compare-pytorch.sh: the same peeky encoder-decoder as MLNet.Seq2Seq's addition
model, trained and timed the same way.

Model: character keys (0 padding, 1 unknown, 2 start, 3 end, then the characters in ordinal order), source reversed,
source embedding [Vs, 16] -> encoder LSTM (hidden 128), final (h, c) at each row's last real token -> decoder LSTM
whose input at every step is [embedding of the previous key (16); context (128)], starting from the encoder's (h, c);
logits = Linear([h; context]) (the peeky output). The whole teacher-forced target runs in one nn.LSTM call.
Loss: mean cross-entropy per target character (end key included), Adam, global gradient-norm clipping.

Usage: seq2seq.py --train TRAIN.tsv --test TEST.tsv [--epochs N] [--threads N] [--latency-count N] [--decode-batch N]
                  [--seed N] [--accuracy-only]
Prints one JSON object: per-epoch seconds and loss, held-out exact match, latency p50/p99 in microseconds, and batch
greedy decoding predictions/s at 1 and 2 threads.
"""
import argparse
import json
import os
import random
import time

import torch
from torch import nn

PAD, UNK, START, END = 0, 1, 2, 3
SPECIALS = 4


def read_pairs(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]


class Vocabulary:
    def __init__(self, texts):
        self.chars = sorted({c for t in texts for c in t})
        self.key = {c: i + SPECIALS for i, c in enumerate(self.chars)}
        self.size = len(self.chars) + SPECIALS

    def encode(self, text):
        return [self.key.get(c, UNK) for c in text]

    def decode(self, keys):
        return "".join(self.chars[k - SPECIALS] for k in keys if k >= SPECIALS)


class PeekySeq2Seq(nn.Module):
    def __init__(self, source_vocab, target_vocab, embedding=16, hidden=128):
        super().__init__()
        self.source_embedding = nn.Embedding(source_vocab, embedding)
        self.encoder = nn.LSTM(embedding, hidden)
        self.target_embedding = nn.Embedding(target_vocab, embedding)
        self.decoder = nn.LSTM(embedding + hidden, hidden)
        self.output = nn.Linear(2 * hidden, target_vocab)
        # As MLNet.Seq2Seq initialises: zero biases except the LSTM forget gates' (1); weights keep PyTorch's uniform
        # ranges, which are ours (1/sqrt(hidden) for the LSTMs, 1/sqrt(2 hidden) for the peeky output layer).
        with torch.no_grad():
            for lstm in (self.encoder, self.decoder):
                lstm.bias_ih_l0.zero_()
                lstm.bias_hh_l0.zero_()
                lstm.bias_ih_l0[hidden:2 * hidden] = 1.0
            self.output.bias.zero_()

    def encode(self, sources, lengths):
        """sources [Ts, B] (padded), lengths [B] -> context (h, c), each [1, B, H]."""
        packed = nn.utils.rnn.pack_padded_sequence(self.source_embedding(sources), lengths, enforce_sorted=False)
        _, state = self.encoder(packed)
        return state

    def decode(self, inputs, state, context):
        """inputs [Td, B] previous keys, context [B, H] -> logits [Td, B, V] and the state after the last step."""
        embedded = self.target_embedding(inputs)
        static = context.unsqueeze(0).expand(inputs.shape[0], -1, -1)
        hidden, state = self.decoder(torch.cat([embedded, static], dim=2), state)
        return self.output(torch.cat([hidden, static], dim=2)), state


def pad_time_major(sequences, value=PAD):
    steps = max(len(s) for s in sequences)
    return torch.tensor([[s[t] if t < len(s) else value for s in sequences] for t in range(steps)], dtype=torch.long)


def train_epoch(model, optimizer, loss_fn, pairs, batch_size, clip, rng):
    order = list(range(len(pairs)))
    rng.shuffle(order)
    total_loss, total_chars = 0.0, 0
    model.train()
    for first in range(0, len(order), batch_size):
        batch = [pairs[i] for i in order[first:first + batch_size]]
        sources = [s for s, _ in batch]
        targets = [t for _, t in batch]
        lengths = torch.tensor([len(s) for s in sources])
        state = model.encode(pad_time_major(sources), lengths)
        context = state[0][0]
        inputs = pad_time_major([[START] + t for t in targets])
        labels = pad_time_major([t + [END] for t in targets])
        logits, _ = model.decode(inputs, state, context)
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        chars = int((labels != PAD).sum())
        total_loss += float(loss) * chars
        total_chars += chars
    return total_loss / total_chars


@torch.no_grad()
def greedy(model, sources, max_length):
    """Batch greedy decoding of key sequences (already reversed), at most max_length keys a row as ours; stops when
    every row has produced the end key."""
    lengths = torch.tensor([len(s) for s in sources])
    state = model.encode(pad_time_major(sources), lengths)
    context = state[0][0]
    batch = len(sources)
    previous = torch.full((1, batch), START, dtype=torch.long)
    outputs = [[] for _ in range(batch)]
    ended = torch.zeros(batch, dtype=torch.bool)
    for step in range(max_length + 1):
        logits, state = model.decode(previous, state, context)
        previous = logits.argmax(dim=2)
        keys = previous[0]
        for r in (~ended).nonzero().flatten().tolist():
            if int(keys[r]) != END and step < max_length:
                outputs[r].append(int(keys[r]))
        ended |= keys == END
        if bool(ended.all()):
            break
    return outputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--learning-rate", type=float, default=0.005)
    parser.add_argument("--clip", type=float, default=5.0)
    parser.add_argument("--latency-count", type=int, default=10_000)
    parser.add_argument("--decode-batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--accuracy-only", action="store_true", help="train and score only: no latency or throughput")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = read_pairs(args.train)
    test = read_pairs(args.test)
    source_vocab = Vocabulary(s for s, _ in train)
    target_vocab = Vocabulary(t for _, t in train)

    def source_keys(text):
        return source_vocab.encode(text)[::-1]

    train_keys = [(source_keys(s), target_vocab.encode(t)) for s, t in train]
    max_length = 2 * max(len(t) for _, t in train) + 2
    model = PeekySeq2Seq(source_vocab.size, target_vocab.size)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = nn.CrossEntropyLoss(ignore_index=PAD)
    rng = random.Random(args.seed)
    epochs = []
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        loss = train_epoch(model, optimizer, loss_fn, train_keys, args.batch, args.clip, rng)
        epochs.append({"epoch": epoch, "train_seconds": time.perf_counter() - start, "train_loss": loss})

    model.eval()
    test_sources = [source_keys(s) for s, _ in test]
    predicted = []
    for first in range(0, len(test_sources), 1000):
        predicted += greedy(model, test_sources[first:first + 1000], max_length)
    exact = sum(target_vocab.decode(p) == t for p, (_, t) in zip(predicted, test)) / len(test)
    if args.accuracy_only:
        print(json.dumps({"epochs": epochs, "exact_match": exact}))
        return

    # Single predictions: text in, text out, batch 1, eval mode, no_grad.
    questions = [s for s, _ in test]
    timings = []
    for i in range(min(1000, args.latency_count) + args.latency_count):
        text = questions[i % len(questions)]
        start = time.perf_counter_ns()
        target_vocab.decode(greedy(model, [source_keys(text)], max_length)[0])
        if i >= min(1000, args.latency_count):
            timings.append((time.perf_counter_ns() - start) / 1000)
    timings.sort()

    throughput = {}
    batch_sources = [source_keys(questions[i % len(questions)]) for i in range(args.decode_batch)]
    for threads in (1, 2):
        torch.set_num_threads(threads)
        greedy(model, batch_sources, max_length)
        best = min(timed(lambda: greedy(model, batch_sources, max_length)) for _ in range(5))
        throughput[str(threads)] = args.decode_batch / best
    torch.set_num_threads(args.threads)

    print(json.dumps({
        "torch": torch.__version__,
        "blas": os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3"),
        "epochs": epochs,
        "exact_match": exact,
        "latency_p50_us": timings[len(timings) // 2],
        "latency_p99_us": timings[min(len(timings) - 1, int(0.99 * len(timings)))],
        "decode_predictions_per_second": throughput,
    }))


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
