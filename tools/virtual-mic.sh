#!/usr/bin/env bash
# A virtual microphone for tests and demos: a PulseAudio daemon (Unix socket only, no network) with a
# null sink "vspk" (16 kHz mono) and a source "vmic" that records what is played into vspk.
# Usage: tools/virtual-mic.sh [RUNTIME_DIR]   (or XDG_RUNTIME_DIR in the environment; default: a new temp dir)
# Prints one line "virtual-mic ready PULSE_SERVER=unix:DIR/pulse/native XDG_RUNTIME_DIR=DIR" once
# `pactl info` answers, then stays in the foreground until killed (SIGTERM/SIGINT/SIGKILL of its group).
# Speak into it:  PULSE_SERVER=unix:DIR/pulse/native paplay -d vspk speech.wav
# Works as root (CI containers): pulseaudio warns and runs anyway.
set -euo pipefail

runtime="${1:-${XDG_RUNTIME_DIR:-}}"
if [ -z "$runtime" ]; then
  runtime="$(mktemp -d /tmp/mmf-pulse-XXXXXX)"
fi
mkdir -p "$runtime"
chmod 700 "$runtime"
export XDG_RUNTIME_DIR="$runtime"
socket="$runtime/pulse/native"
export PULSE_SERVER="unix:$socket"

for tool in pulseaudio pactl; do
  command -v "$tool" >/dev/null || { echo "virtual-mic: '$tool' is missing; run tools/install-deps.sh (pulseaudio pulseaudio-utils)" >&2; exit 1; }
done

config="$runtime/virtual-mic.pa"
printf '%s\n' \
  "load-module module-native-protocol-unix auth-anonymous=1 socket=$socket" \
  'load-module module-null-sink sink_name=vspk rate=16000 channels=1 format=s16le' \
  'load-module module-remap-source source_name=vmic master=vspk.monitor' \
  'set-default-sink vspk' \
  'set-default-source vmic' > "$config"

# HOME inside the runtime dir keeps the daemon away from the user's cookie and config.
export HOME="$runtime"
pulseaudio -n -F "$config" --daemonize=no --exit-idle-time=-1 --disallow-exit \
  --use-pid-file=no --log-target=stderr --log-level=error &
pa_pid=$!
cleanup() { kill "$pa_pid" 2>/dev/null || true; wait "$pa_pid" 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 0' TERM INT

for _ in $(seq 1 100); do
  if ! kill -0 "$pa_pid" 2>/dev/null; then
    echo "virtual-mic: pulseaudio exited before it was ready" >&2
    exit 1
  fi
  if pactl info >/dev/null 2>&1 && pactl list short sources 2>/dev/null | grep -q 'vmic'; then
    echo "virtual-mic ready PULSE_SERVER=$PULSE_SERVER XDG_RUNTIME_DIR=$runtime"
    wait "$pa_pid"
    exit $?
  fi
  sleep 0.1
done
echo "virtual-mic: pactl info did not answer within 10 s on $PULSE_SERVER" >&2
exit 1
