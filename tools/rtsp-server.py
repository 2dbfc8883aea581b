#!/usr/bin/env python3
"""A loopback RTSP test server: serves one H.264 MP4 clip at rtsp://127.0.0.1:PORT/cam.

Usage: rtsp-server.py PORT CLIP.mp4 [LOOPS]

The clip must hold H.264 video with short GOPs (e.g. `-g 25 -bf 0`) or clients wait ~10 s for a
keyframe. The media is shared: every client sees the same live stream, paced in real time.
Looping: the clip is repeated LOOPS times (default 20) into a temporary MP4 with
`ffmpeg -stream_loop` (stream copy, timestamps continue), so the stream runs LOOPS x the clip's
length before it ends. (Segment seeks inside gst-rtsp-server were tried; the shared media's own
PLAY seek defeats them.) LOOPS=1 serves the clip as it is.
Prints "RTSP ready rtsp://127.0.0.1:PORT/cam" (flushed) once the server listens. Stop it by its PID;
the temporary file is removed on SIGTERM/SIGINT, and after a SIGKILL by the next server that starts.
Needs Debian's python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-good/-bad and ffmpeg.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def looped_copy(clip, loops, workdir):
    """The clip repeated `loops` times (stream copy), or the clip itself when loops <= 1."""
    if loops <= 1:
        return clip
    out = os.path.join(workdir, "looped.mp4")
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-stream_loop", str(loops - 1),
         "-i", clip, "-an", "-c", "copy", out],
        check=True)
    return out


def remove_stale_workdirs():
    """Removes the looped copies of servers that were killed (SIGKILL skips their cleanup)."""
    tmp = tempfile.gettempdir()
    for name in os.listdir(tmp):
        parts = name.split("-")
        if len(parts) < 4 or parts[:2] != ["mmf", "rtsp"] or not parts[2].isdigit():
            continue
        if os.path.exists(f"/proc/{parts[2]}"):
            continue  # its server still runs
        shutil.rmtree(os.path.join(tmp, name), ignore_errors=True)


def main(argv):
    if len(argv) < 3:
        print("usage: rtsp-server.py PORT CLIP.mp4 [LOOPS]", file=sys.stderr)
        return 2
    port, clip = int(argv[1]), os.path.abspath(argv[2])
    loops = int(argv[3]) if len(argv) > 3 else 20
    if not os.path.isfile(clip):
        print(f"rtsp-server: clip not found: {clip}", file=sys.stderr)
        return 2
    remove_stale_workdirs()
    workdir = tempfile.mkdtemp(prefix=f"mmf-rtsp-{os.getpid()}-")
    try:
        served = looped_copy(clip, loops, workdir)
        return serve(port, served)
    finally:
        for name in os.listdir(workdir):
            os.remove(os.path.join(workdir, name))
        os.rmdir(workdir)


def serve(port, clip):
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(port))
    factory = GstRtspServer.RTSPMediaFactory()
    location = clip.replace("\\", "\\\\").replace('"', '\\"')
    factory.set_launch(
        f'( filesrc location="{location}" ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )')
    factory.set_shared(True)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        print(f"rtsp-server: cannot listen on 127.0.0.1:{port}", file=sys.stderr)
        return 1
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"RTSP ready rtsp://127.0.0.1:{server.get_bound_port()}/cam", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
