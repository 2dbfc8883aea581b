using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Probe;

/// <summary>`mmf probe` as a user runs it: a real process over real media, its output and exit code.</summary>
public sealed class ProbeCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("demo.srt")]
    [InlineData("demo.vtt")]
    public async Task Demo_media_lands_in_aligned_windows_with_the_transcript_in_the_right_ones(string transcript)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(s_timeout, "probe",
            RepoPaths.Media("Megamind.avi"), RepoPaths.Media("demo-speech.wav"), RepoPaths.Media(transcript), "--metrics-every", "1h");

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var windows = ProbeWindowLine.ParseAll(stdout);
        // Megamind.avi: 270 frames at 23.976 fps (11.26 s); windows of 2 s every 0.5 s from the first frame.
        Assert.InRange(windows.Count, 19, 23);
        Assert.Equal(Enumerable.Range(0, windows.Count).Select(i => (long)i), windows.Select(w => w.Index));
        Assert.All(windows, w => Assert.Equal(2.0, w.End - w.Start, 2));
        // Windows 0, 4, 8, ... tile the timeline without overlap: together they hold every frame once.
        Assert.Equal(270, windows.Where(w => w.Index % 4 == 0).Sum(w => w.Frames));
        // Full windows inside the 8.31 s of speech carry exactly 2 s of audio.
        Assert.All(windows.Where(w => w.End <= 8.3), w => Assert.Equal(2.0, w.AudioSeconds, 2));
        // The cues: "go forward ten meters" in [1.0, 3.8), the second cue in [4.8, 8.5).
        Assert.All(windows.Where(w => w.Start < 3.8 && w.End > 1.0 && w.End <= 4.8), w => Assert.Equal("go forward ten meters", w.Text));
        Assert.All(windows.Where(w => w.Start >= 8.5), w => Assert.Equal("-", w.Text));
        Assert.Contains(windows, w => w.Text.StartsWith("hello world", StringComparison.Ordinal));
        Assert.Contains("== done ==", stdout);
    }

    [Fact]
    public async Task When_audio_stops_the_windows_after_it_come_on_their_deadline_with_audio_masked_out()
    {
        // Real-time pacing: goforward.wav ends at 2.79 s while the video goes on to 11.2 s.
        var (code, stdout, stderr) = await CliProcess.RunAsync(s_timeout, "probe",
            RepoPaths.Media("Megamind.avi"), RepoPaths.Media("goforward.wav"), "--realtime", "--deadline", "1s", "--metrics-every", "1h");

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var windows = ProbeWindowLine.ParseAll(stdout);
        var afterAudio = windows.Where(w => w.Start >= 2.8 && w.End + 1.0 < 11.0).ToList();
        Assert.True(afterAudio.Count >= 8, stdout);
        Assert.All(afterAudio, w =>
        {
            Assert.Equal("deadline", w.Reason);
            Assert.Equal("video", w.Present);
            Assert.Equal(0.0, w.AudioSeconds);
        });
        Assert.All(windows.Where(w => w.End <= 2.79), w => Assert.Equal("watermark", w.Reason));
    }

    [Fact]
    public async Task Pocketsphinx_transcribes_the_audio_source_into_the_windows_of_the_speech()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(s_timeout, "probe",
            RepoPaths.Media("Megamind.avi"), RepoPaths.Media("goforward.wav"), "asr:pocketsphinx", "--metrics-every", "1h",
            "--deadline", "60s"); // windows wait for the recogniser however slow a loaded CI machine is

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var windows = ProbeWindowLine.ParseAll(stdout);
        // goforward.wav holds 2.79 s from t = 0, the words roughly in [0.4 s, 2.3 s): windows that start
        // before 1.6 s overlap them; windows from 3 s on are after the file.
        Assert.True(windows.Where(w => w.Start < 1.6).All(w => w.Text == "go forward ten meters"), stdout + stderr);
        Assert.All(windows.Where(w => w.Start >= 3.0), w => Assert.Equal("-", w.Text));
    }

    [Fact]
    public async Task An_unreachable_url_fails_with_its_name_redacted_while_the_file_sources_keep_running()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(s_timeout, "probe",
            RepoPaths.Media("Megamind.avi"), "rtsp://viewer:hunter2@127.0.0.1:1/cam", "--max-restarts", "1", "--metrics-every", "1h");

        string all = stdout + stderr;
        Assert.Equal(1, code);
        Assert.Contains("rtsp://***@127.0.0.1:1/cam", all);
        Assert.DoesNotContain("hunter2", all);
        Assert.True(ProbeWindowLine.ParseAll(stdout).Count >= 19, stdout);
    }

    [Theory]
    [InlineData("camera:9", "/dev/video9")]
    [InlineData("mic:no-such-microphone", "no-such-microphone")]
    public async Task An_absent_device_fails_naming_it_while_the_file_sources_keep_running(string source, string named)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(s_timeout, "probe",
            RepoPaths.Media("Megamind.avi"), source, "--max-restarts", "0", "--metrics-every", "1h");

        Assert.Equal(1, code);
        Assert.Contains(named, stdout + stderr);
        Assert.True(ProbeWindowLine.ParseAll(stdout).Count >= 19, stdout);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("notes.docx")]
    [InlineData("--window", "soon")]
    [InlineData("--hop", "3s", "--window", "2s")]
    public async Task Bad_usage_exits_with_2_and_says_what_is_wrong(params string[] args)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(s_timeout, ["probe", .. args]);

        Assert.Equal(2, code);
        Assert.Contains(args[0].TrimStart('-').Split(' ')[0], stderr);
    }

    [Fact]
    public async Task Ctrl_c_stops_a_real_time_run_cleanly_with_exit_0()
    {
        using var cli = CliProcess.Start("probe", RepoPaths.Media("Megamind.avi"), RepoPaths.Media("demo-speech.wav"), "--realtime", "--metrics-every", "1h");
        await cli.WaitForOutputAsync("window    2", s_timeout);

        cli.Interrupt();
        int code = await cli.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == 0, $"exit {code}\n{cli.Stdout}\n{cli.Stderr}");
        Assert.Contains("== stopped ==", cli.Stdout);
        Assert.InRange(ProbeWindowLine.ParseAll(cli.Stdout).Count, 3, 18);
    }
}
