using System.Diagnostics;
using System.Threading.Channels;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Video;

/// <summary>
/// The watchdog and process lifetime of <see cref="FfmpegVideoSource"/>, driven through a named pipe
/// that the test feeds (part of a stream, then silence) so that ffmpeg really waits for input.
/// </summary>
public sealed class FfmpegWatchdogTests
{
    [Fact]
    public async Task Silence_before_the_first_frame_trips_the_first_frame_timeout()
    {
        string fifo = MakeFifo();
        await using var writer = new FifoWriter(fifo);
        var source = new FfmpegVideoSource(fifo, MonotonicClock.Instance,
            new FfmpegVideoSourceOptions { FirstFrameTimeout = TimeSpan.FromSeconds(2) });

        var ex = await Assert.ThrowsAsync<SourceException>(() => FrameLog.RunAsync(source, TimeSpan.FromSeconds(60)));

        Assert.True(ex.IsTransient);
        Assert.Contains("no first frame within 2 s", ex.Message);
        Assert.Contains(fifo, ex.Message);
        Assert.Empty(FfmpegProcessesReading(fifo));
    }

    [Fact]
    public async Task A_stream_that_stops_mid_way_trips_the_stall_timeout()
    {
        string fifo = MakeFifo();
        byte[] ts = await TransportStreamAsync();
        await using var writer = new FifoWriter(fifo);
        var source = new FfmpegVideoSource(fifo, MonotonicClock.Instance,
            new FfmpegVideoSourceOptions { StallTimeout = TimeSpan.FromSeconds(1.5) });
        var run = FrameLog.RunAsync(source, TimeSpan.FromSeconds(60));

        await writer.WriteAsync(ts.AsMemory(0, ts.Length / 2)); // about half the clip, then nothing (pipe kept open)
        var ex = await Assert.ThrowsAsync<SourceException>(() => run);

        Assert.True(ex.IsTransient);
        Assert.Contains("stalled: no frame for 1.5 s", ex.Message);
        Assert.InRange(source.FramesReceived, 50, 250);
        Assert.Empty(FfmpegProcessesReading(fifo));
    }

    [Fact]
    public async Task Cancellation_kills_ffmpeg_and_leaves_no_process_behind()
    {
        // A private copy so that the process scan below cannot see another test's ffmpeg.
        string clip = Path.Combine(RepoPaths.NewTempDir(), "clip.avi");
        File.Copy(RepoPaths.Media("Megamind.avi"), clip);
        var source = new FfmpegVideoSource(clip, MonotonicClock.Instance, new FfmpegVideoSourceOptions { Realtime = true });
        var channel = Channel.CreateUnbounded<VideoFrame>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var run = source.RunAsync(channel.Writer, cts.Token);

        using (await channel.Reader.ReadAsync(cts.Token)) { }
        Assert.Single(FfmpegProcessesReading(clip));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Empty(FfmpegProcessesReading(clip));
        Assert.InRange(source.FramesReceived, 1, 269); // -re: stopped long before the clip's 11 s
        while (channel.Reader.TryRead(out var f))
            f.Dispose();
    }

    private static string MakeFifo()
    {
        string path = Path.Combine(RepoPaths.NewTempDir(), "feed.ts");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>The short-GOP clip as MPEG-TS (streamable from a pipe, unlike MP4), made with Debian's ffmpeg.</summary>
    private static async Task<byte[]> TransportStreamAsync()
    {
        string ts = Path.Combine(RepoPaths.NewTempDir(), "clip.ts");
        using var ffmpeg = Process.Start("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", RepoPaths.Media("megamind-gop25.mp4"), "-c", "copy", "-f", "mpegts", ts]);
        await ffmpeg.WaitForExitAsync();
        Assert.Equal(0, ffmpeg.ExitCode);
        return await File.ReadAllBytesAsync(ts);
    }

    /// <summary>Ids of live (not zombie) ffmpeg processes whose command line names <paramref name="path"/>.</summary>
    internal static List<int> FfmpegProcessesReading(string path)
    {
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
                continue;
            try
            {
                string cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                bool zombie = stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (cmd.StartsWith("ffmpeg ", StringComparison.Ordinal) && cmd.Contains(path, StringComparison.Ordinal) && !zombie)
                    found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>Opens the write end of a FIFO in the background (opening blocks until ffmpeg opens the read end) and keeps it open.</summary>
    private sealed class FifoWriter(string path) : IAsyncDisposable
    {
        private readonly Task<FileStream> _open = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1));

        public async Task WriteAsync(ReadOnlyMemory<byte> data)
        {
            var stream = await _open.WaitAsync(TimeSpan.FromSeconds(30));
            try { await stream.WriteAsync(data); await stream.FlushAsync(); }
            catch (IOException) { } // ffmpeg was killed: broken pipe
        }

        public async ValueTask DisposeAsync()
        {
            if (!_open.IsCompleted)
            {
                // Unblock the pending open by opening the read end ourselves.
                using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
                await _open.WaitAsync(TimeSpan.FromSeconds(10));
            }
            try { await (await _open).DisposeAsync(); } catch (IOException) { }
        }
    }
}
