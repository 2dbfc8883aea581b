#!/usr/bin/env bash
# Loopback RTSP test server (tools/rtsp-server.py) with Debian's python3, which has python3-gi
# (a pyenv or venv python3 first on PATH usually does not).
# Usage: tools/rtsp-server.sh PORT [CLIP.mp4] [LOOPS]   (default clip: .media/megamind-gop25.mp4)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${1:?usage: tools/rtsp-server.sh PORT [CLIP.mp4] [LOOPS]}"
clip="${2:-${MMF_MEDIA:-$here/../.media}/megamind-gop25.mp4}"
python=/usr/bin/python3
[ -x "$python" ] || python=python3
exec "$python" "$here/rtsp-server.py" "$port" "$clip" ${3:+"$3"}
