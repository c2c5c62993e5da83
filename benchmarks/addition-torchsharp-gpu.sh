#!/usr/bin/env bash
# benchmarks/addition-torchsharp.sh on a CUDA GPU: builds the CLI with the TorchSharp-cuda-linux backend and trains on
# DEVICE (default cuda). Prints the GPU, then what addition-torchsharp.sh prints.
#
# Usage: benchmarks/addition-torchsharp-gpu.sh   (on a Linux x64 machine with an NVIDIA GPU, its driver, and NuGet
#        access to TorchSharp-cuda-linux 0.107.0, about 3 GB restored; or that package already in the NuGet cache)
# Environment: as addition-torchsharp.sh; DEVICE defaults to cuda, BACKEND to TorchSharp-cuda-linux.
set -euo pipefail

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >&2
DEVICE="${DEVICE:-cuda}" BACKEND="${BACKEND:-TorchSharp-cuda-linux}" \
  exec "$(dirname "${BASH_SOURCE[0]}")/addition-torchsharp.sh" "$@"
