#!/usr/bin/env bash
# GPU check for the inference layer: builds the GPU variant (Microsoft.ML.OnnxRuntime.Gpu.Linux, never together
# with the CPU package) and runs the session tests, which then include GpuParityTests (CUDA provider really in use,
# CPU and CUDA outputs equal within 1e-4). Needs an NVIDIA driver, CUDA 13 and cuDNN 9 on the library path.
# Usage: tools/gpu-check.sh [extra dotnet test args]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-check: nvidia-smi not found; this machine has no usable NVIDIA driver." >&2
  exit 1
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
artifacts="${MMF_ARTIFACTS:-/tmp/mmf-gpu-check}"
dotnet test tests/MultimodalFusion.Inference.Tests -p:UseGpu=true --artifacts-path "$artifacts" \
  --filter "FullyQualifiedName~MultimodalFusion.Inference.Tests.Sessions" \
  --logger "console;verbosity=normal" "$@"
