#!/usr/bin/env bash
# Puts real test and demo media into .media/ (or $MMF_MEDIA): clips, photos and speech that Debian
# packages ship, plus a few files derived from them. Needs tools/install-deps.sh first (ffmpeg, sox,
# espeak-ng). Idempotent: a stamp file records the recipe version. Usage: tools/fetch-media.sh
set -euo pipefail

recipe=3
root="$(cd "$(dirname "$0")/.." && pwd)"
media="${MMF_MEDIA:-$root/.media}"
stamp="$media/.stamp"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$recipe" ]; then
  echo "[fetch-media] media present in $media"
  exit 0
fi

mkdir -p "$media/licences"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "[fetch-media] downloading opencv-doc, python3-skimage, pocketsphinx-testdata (.deb, ~120 MB) into a temp dir"
download() { apt-get download opencv-doc python3-skimage pocketsphinx-testdata >/dev/null 2>&1; }
if ! download; then
  echo "[fetch-media] apt-get download failed; refreshing the package lists and trying once more"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null 2>&1 || true
  download || { echo "[fetch-media] apt-get download of opencv-doc python3-skimage pocketsphinx-testdata failed" >&2; exit 1; }
fi

extract() { # deb, dest-name, path-inside...
  local deb="$1"; shift
  dpkg-deb --fsys-tarfile "$deb" | tar -x "$@"
}
extract opencv-doc_*.deb ./usr/share/doc/opencv-doc/examples/data/vtest.avi \
  ./usr/share/doc/opencv-doc/examples/data/Megamind.avi \
  ./usr/share/doc/opencv-doc/examples/data/Megamind_bugy.avi \
  ./usr/share/doc/opencv-doc/examples/data/messi5.jpg ./usr/share/doc/opencv-doc/copyright
extract python3-skimage_*.deb ./usr/lib/python3/dist-packages/skimage/data/astronaut.png \
  ./usr/lib/python3/dist-packages/skimage/data/chelsea.png ./usr/share/doc/python3-skimage/copyright
extract pocketsphinx-testdata_*.deb ./usr/share/pocketsphinx/test/data/goforward.raw \
  ./usr/share/pocketsphinx/test/data/librivox ./usr/share/doc/pocketsphinx-testdata/copyright

cp usr/share/doc/opencv-doc/examples/data/{vtest.avi,Megamind.avi,Megamind_bugy.avi,messi5.jpg} "$media/"
cp usr/lib/python3/dist-packages/skimage/data/{astronaut.png,chelsea.png} "$media/"
cp usr/share/pocketsphinx/test/data/goforward.raw "$media/"
mkdir -p "$media/librivox" && cp usr/share/pocketsphinx/test/data/librivox/* "$media/librivox/"
cp usr/share/doc/opencv-doc/copyright "$media/licences/opencv-doc.copyright"
cp usr/share/doc/python3-skimage/copyright "$media/licences/python3-skimage.copyright"
cp usr/share/doc/pocketsphinx-testdata/copyright "$media/licences/pocketsphinx-testdata.copyright"

echo "[fetch-media] deriving clips and speech"
cd "$media"
# goforward.raw is 16 kHz s16le mono: the same speech as a WAV file.
sox -t raw -r 16000 -e signed -b 16 -c 1 goforward.raw goforward.wav
# The same speech at 44.1 kHz stereo, to test resampling and down-mixing.
sox goforward.wav -r 44100 -c 2 goforward-44k-stereo.wav
# Short GOPs so that an RTSP client gets its first frame quickly (see DESIGN.md).
ffmpeg -hide_banner -loglevel error -y -i Megamind.avi -an -c:v libx264 -preset veryfast -tune zerolatency \
  -g 25 -bf 0 -pix_fmt yuv420p megamind-gop25.mp4
# Synthetic speech with known words, as WAV and as MP3 (a non-WAV audio file).
espeak-ng -v en-us -s 140 -w espeak-hello.wav "hello world, this is a test of the microphone"
ffmpeg -hide_banner -loglevel error -y -i espeak-hello.wav -c:a libmp3lame -q:a 4 espeak-hello.mp3
# A file that is not media at all: 64 KiB of seeded pseudo-random bytes, the same on every machine (from /dev/urandom,
# one file in a few probed as another format, and the tests' expected "moov atom not found" message changed).
python3 -c 'import random, sys; r = random.Random(20261125); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(65536)))' > corrupt.mp4

# Demo: Megamind (11 s, a face) with speech laid under it and a transcript for the spoken lines.
sox -n -r 16000 -c 1 silence1.wav trim 0 1.0
sox espeak-hello.wav -r 16000 espeak-hello-16k.wav
sox silence1.wav goforward.wav silence1.wav espeak-hello-16k.wav demo-speech.wav
cat > demo.srt <<'SRT'
1
00:00:01,000 --> 00:00:03,800
go forward ten meters

2
00:00:04,800 --> 00:00:08,500
hello world, this is a test of the microphone
SRT
cat > demo.vtt <<'VTT'
WEBVTT

00:01.000 --> 00:03.800
go forward ten meters

00:04.800 --> 00:08.500
hello world, this is a test of the microphone
VTT
rm -f silence1.wav espeak-hello-16k.wav

echo "$recipe" > "$stamp"
echo "[fetch-media] media ready in $media ($(du -sh "$media" | cut -f1))"
