#!/usr/bin/env bash
# Screenshot of the live dashboard of the real `mmf serve`: two file cameras played at real time through the default
# violence models (onnx/violence) — "street", a 40 s synthetic street scene with fights (mmf synth --task violence), and
# "gate", vtest.avi from .media/ — the dashboard on a free loopback port, and Debian's headless chromium taking the
# picture once both cameras show frames and an alert has been raised (or --wait seconds after the frames).
#
# usage: tools/dashboard-screenshot.sh [--models DIR | --model FILE] [--out PNG] [--wait SECONDS] [--artifacts DIR]
#   --models DIR     models folder for mmf serve --models (default onnx/violence)
#   --model FILE     instead: one per-frame violence model on mean frame colour (mmf serve --model)
#   --out PNG        where the picture goes (default artifacts/dashboard.png; artifacts/ is git-ignored)
#   --wait SECONDS   longest wait for an alert after the first frames (default 60)
#   --artifacts DIR  build mmf with --artifacts-path DIR (keeps parallel builds apart)
# Needs the .NET 10 SDK, tools/fetch-media.sh's media, chromium and curl (bash tools/install-deps.sh).
# Exit code: 0 picture written, 2 bad usage or something missing, 1 mmf serve or chromium failed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MEDIA="${MMF_MEDIA:-$ROOT/.media}"
CHROMIUM="${MMF_CHROMIUM:-/usr/bin/chromium}"
MODELS="$ROOT/onnx/violence" MODEL="" OUT="$ROOT/artifacts/dashboard.png" WAIT=60 ARTIFACTS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --models) MODELS=$(realpath -m "$2"); shift ;;
        --model) MODEL=$(realpath -m "$2"); shift ;;
        --out) OUT=$(realpath -m "$2"); shift ;;
        --wait) WAIT="$2"; shift ;;
        --artifacts) ARTIFACTS=$(realpath -m "$2"); shift ;;
        -h|--help) sed -n 2,15p "$0"; exit 0 ;;
        *) echo "dashboard-screenshot.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

fail() { echo "dashboard-screenshot.sh: $1" >&2; exit "${2:-2}"; }
if [ -n "$MODEL" ]; then
    [ -f "$MODEL" ] || fail "no violence model at $MODEL (a per-frame violence model beside its .json manifest)"
    model_args=(--model "$MODEL")
else
    [ -d "$MODELS" ] || fail "no models folder at $MODELS: tools/build-default-models.sh puts the defaults in onnx/violence"
    model_args=(--models "$MODELS")
fi
for f in vtest.avi; do [ -f "$MEDIA/$f" ] || fail "test media $MEDIA/$f is missing: run bash tools/fetch-media.sh"; done
[ -x "$CHROMIUM" ] || fail "chromium is missing at $CHROMIUM: run bash tools/install-deps.sh (or set MMF_CHROMIUM)"
command -v curl >/dev/null || fail "curl is missing: apt-get install curl"

props=(-p:Configuration=Release)
[ -n "$ARTIFACTS" ] && props+=(-p:ArtifactsPath="$ARTIFACTS" -p:UseArtifactsOutput=true)
echo "Building mmf (Release)..."
dotnet build "$ROOT/src/MultimodalFusion.Cli" "${props[@]}" -v quiet -nologo >/dev/null || fail "building src/MultimodalFusion.Cli failed" 1
MMF=$(dotnet msbuild "$ROOT/src/MultimodalFusion.Cli" -getProperty:TargetPath "${props[@]}")
[ -f "$MMF" ] || fail "built mmf not found at $MMF" 1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mmf-dashboard-shot.XXXXXX")
SERVE_PID=""
cleanup() {
    if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
        kill -TERM "$SERVE_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$SERVE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
DASH_PORT=$(free_port)
METRICS_PORT=$(free_port)
URL="http://127.0.0.1:$DASH_PORT"
echo "Generating the synthetic street scene (mmf synth)..."
dotnet "$MMF" synth --task violence --out "$WORK/synth" --videos 1 --seconds 40 --seed 11 --validation 0 > "$WORK/synth.log" 2>&1 \
    || { cat "$WORK/synth.log" >&2; fail "mmf synth failed (espeak-ng missing? bash tools/install-deps.sh)" 1; }
STREET=$(find "$WORK/synth" -name '*.mp4' | head -1)
[ -n "$STREET" ] || fail "mmf synth wrote no video under $WORK/synth" 1
cat > "$WORK/appsettings.json" <<EOF
{
  "Profiles": { "Violence": { "Window": "00:00:02", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                              "Cutoff": "00:00:02", "Cooldown": "00:00:05", "ClipBefore": "00:00:02", "ClipAfter": "00:00:02" } },
  "Cameras": [
    { "Id": "street", "Url": "$STREET", "Fps": 10 },
    { "Id": "gate", "Url": "$MEDIA/vtest.avi", "Fps": 10 }
  ],
  "Serve": { "Realtime": true },
  "Sinks": { "Store": { "Path": "data/events.db" } },
  "Metrics": { "PrometheusUrl": "http://127.0.0.1:$METRICS_PORT/" },
  "Dashboard": { "Urls": "$URL" }
}
EOF

echo "Starting mmf serve (dashboard at $URL)..."
dotnet "$MMF" serve --config "$WORK/appsettings.json" "${model_args[@]}" --out "$WORK/out" --log-dir "$WORK/logs" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!

# Both cameras have a frame in /api/state: "frame":{...} twice (null before the first one).
frames() { curl -fsS --max-time 5 "$URL/api/state" 2>/dev/null | grep -o '"frame":{' | wc -l; }
for i in $(seq 1 240); do
    kill -0 "$SERVE_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; fail "mmf serve stopped before the cameras showed frames" 1; }
    [ "$(frames)" -ge 2 ] && break
    [ "$i" -eq 240 ] && { tail -n 30 "$WORK/serve.log" >&2; fail "no frames on the dashboard after 120 s" 1; }
    sleep 0.5
done
# Then wait for the first alert (the synthetic scene has fights), at most --wait seconds.
for _ in $(seq 1 $((WAIT * 2))); do
    curl -fsS --max-time 5 "$URL/api/state" 2>/dev/null | grep -q '"alerts":\[{' && break
    sleep 0.5
done
sleep 2

mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
echo "Taking the screenshot..."
# The background-networking flags keep chromium off the (closed) network. The picture is taken at the page's load
# event: the page loads the state (/api/state.js) and the frames before it, the event stream after.
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$WORK/chromium" --hide-scrollbars --window-size=1400,900 \
    --screenshot="$OUT" "$URL/" > "$WORK/chromium.log" 2>&1 || true
[ -s "$OUT" ] || { cat "$WORK/chromium.log" >&2; fail "chromium wrote no screenshot" 1; }
echo "Wrote $OUT"
