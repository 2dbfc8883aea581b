#!/usr/bin/env bash
# GPU benchmarks (issue 7). Builds the benchmarks with -p:UseGpu=true (Microsoft.ML.OnnxRuntime.Gpu.Linux instead of
# the CPU package, never both) and runs on the GPU:
#   1. the Swin-T face path (`gpu` mode): Haar face crop + preprocessing on the CPU, then Swin-T on CPU (baseline),
#      CUDA fp32, CUDA fp16 (when swin-t.fp16.onnx lies beside the model), TensorRT fp32 and TensorRT fp16, with 1, 4,
#      8 and 16 streams batched into one run: p50/p99 per run, images/s, max abs difference from CUDA fp32;
#   2. the end-to-end harness with --provider cuda, then tensorrt (same frames, same report as on the CPU);
#   3. the BenchmarkDotNet smoke set (every suite once; their model calls stay on the CPU).
# Reports go to $MMF_BENCH_OUT (default BenchmarkDotNet.Artifacts/gpu): gpu-*.md, e2e-*.md/png, TensorRT's engine cache.
#
# The Swin-T graph, first found of: $MMF_SWIN_ONNX; onnx/swin-t.onnx; exported here by
#   mmf-train export --swin "$MMF_SWIN_WEIGHTS" --swin-config tiny224 --name swin-t --out "$out/swin"
# (a torchvision swin_t state_dict; mmf-train cannot yet export one with random weights: see benchmarks/README.md).
# Without any of them the Swin-T part is skipped with a message and the other parts still run.
#
# Needs: an NVIDIA driver, CUDA 13 and cuDNN 9 on the library path (TensorRT 10 for the TensorRT rows; without it they
# say "not available"), the .NET 10 SDK and the NuGet packages restored (the GPU machine has no network: restore
# beforehand into a package folder it can read, e.g. NUGET_PACKAGES).
# Usage: tools/gpu-bench.sh [--quick]     --quick: 50 iterations, batches 1,16, e2e for 1 pass; skips smoke.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: tools/gpu-bench.sh [--quick]" >&2; exit 2 ;;
esac

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-bench: nvidia-smi not found; this machine has no usable NVIDIA driver." >&2
  exit 1
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

build="${MMF_ARTIFACTS:-/tmp/mmf-gpu-bench}"
out="${MMF_BENCH_OUT:-BenchmarkDotNet.Artifacts/gpu}"
mkdir -p "$out"
dotnet build -c Release benchmarks/MultimodalFusion.Benchmarks -p:UseGpu=true --artifacts-path "$build"
bench=(dotnet "$build/bin/MultimodalFusion.Benchmarks/release/MultimodalFusion.Benchmarks.dll")
status=0

swin=""
if [ -n "${MMF_SWIN_ONNX:-}" ]; then
  swin="$MMF_SWIN_ONNX"
elif [ -f onnx/swin-t.onnx ]; then
  swin="onnx/swin-t.onnx"
elif [ -n "${MMF_SWIN_WEIGHTS:-}" ]; then
  dotnet run -c Release --project src/MultimodalFusion.Training.Cli --artifacts-path "$build" -- \
    export --swin "$MMF_SWIN_WEIGHTS" --swin-config tiny224 --name swin-t --out "$out/swin"
  swin="$out/swin/swin-t.onnx"
fi

if [ -n "$swin" ]; then
  if [ "$quick" = 1 ]; then gpu_args=(--iterations 50 --cpu-iterations 5 --batches 1,16); else gpu_args=(); fi
  echo "== Swin-T face path: $swin"
  "${bench[@]}" gpu --swin "$swin" --artifacts "$out" "${gpu_args[@]}" || status=1
else
  echo "gpu-bench: no Swin-T graph (set MMF_SWIN_ONNX or MMF_SWIN_WEIGHTS, or put onnx/swin-t.onnx); skipping the Swin-T part." >&2
fi

if [ "$quick" = 1 ]; then loops=1; else loops=3; fi
for provider in cuda tensorrt; do
  echo "== e2e on $provider"
  "${bench[@]}" e2e --provider "$provider" --loops "$loops" --artifacts "$out" || status=1
done

if [ "$quick" = 0 ]; then
  echo "== BenchmarkDotNet smoke (GPU build)"
  "${bench[@]}" smoke || status=1
fi
echo "gpu-bench: reports in $out"
exit "$status"
