using System.Text.Json;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.Cli.Doctor;
using MultimodalFusion.Cli.Doctor.Checks;
using MultimodalFusion.Cli.Tests.Features;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Doctor;

/// <summary><c>mmf doctor</c> against this machine's real tools, libraries and models.</summary>
public sealed class DoctorCommandTests
{
    /// <summary>A context whose models folder holds one real, valid model (image.onnx + manifest).</summary>
    private static DoctorContext ValidContext(out string modelsDir)
    {
        modelsDir = TestExtractorModels.Save(Path.Combine(RepoPaths.NewTempDir("mmf-doctor"), "models"), clip: false, audio: false);
        return new DoctorContext { ModelsFolder = modelsDir, SileroPath = RepoPaths.Media("silero_vad_v5.onnx") };
    }

    [Fact]
    public void Every_required_check_passes_on_this_machine_and_the_exit_code_is_0()
    {
        var context = ValidContext(out _);
        var report = DoctorReport.Run(DoctorChecks.All(), context);
        foreach (var result in report.Results.Where(r => r.Required))
            Assert.True(result.Status == CheckStatus.Ok, $"{result.Name}: {result.Status} {result.Detail}");
        Assert.Equal(0, report.ExitCode);

        var ffmpeg = report.Results.Single(r => r.Name == "ffmpeg");
        Assert.Matches(@"^ffmpeg \d+\.\d+", ffmpeg.Detail);
        Assert.Contains("1 model(s) valid", report.Results.Single(r => r.Name == "models").Detail);
        Assert.Equal(CheckStatus.Ok, report.Results.Single(r => r.Name == "silero-vad").Status);

        var output = new StringWriter();
        Assert.Equal(ExitCodes.Success, DoctorCommand.Run(context, json: false, output));
        string table = output.ToString();
        foreach (var check in DoctorChecks.All())
            Assert.Contains(check.Name, table);
        Assert.Contains($"{report.Results.Count} checks:", table);
        Assert.Contains("0 required failed", table);
    }

    [Fact]
    public void Without_ffmpeg_on_PATH_the_ffmpeg_check_fails_and_names_apt_get_install_ffmpeg()
    {
        string processPath = Environment.GetEnvironmentVariable("PATH")!;
        string stripped = string.Join(Path.PathSeparator, processPath.Split(Path.PathSeparator)
            .Where(dir => !File.Exists(Path.Combine(dir, "ffmpeg"))));
        var valid = ValidContext(out _);
        var context = new DoctorContext
        {
            ModelsFolder = valid.ModelsFolder,
            SileroPath = valid.SileroPath,
            EnvironmentOverrides = new Dictionary<string, string?> { ["PATH"] = stripped },
        };

        var result = new FfmpegCheck().Run(context);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("not found on PATH", result.Detail);
        Assert.Contains("apt-get install ffmpeg", result.Fix);

        var output = new StringWriter();
        Assert.Equal(ExitCodes.Failure, DoctorCommand.Run(context, json: false, output));
        Assert.Contains("fix: sudo apt-get install ffmpeg", output.ToString());
        // The override applied to the checks only: the test process still sees its own PATH.
        Assert.Equal(processPath, Environment.GetEnvironmentVariable("PATH"));
    }

    [Fact]
    public void A_tampered_model_fails_the_models_check_naming_the_file()
    {
        var context = ValidContext(out string modelsDir);
        string model = Path.Combine(modelsDir, "image.onnx");
        // Change one byte of a weight: still a parseable graph, but no longer the file its manifest hashed.
        byte[] bytes = File.ReadAllBytes(model);
        bytes[^8] ^= 0x5A;
        File.WriteAllBytes(model, bytes);

        var result = new ModelsCheck().Run(context);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("image.onnx", result.Detail);
        Assert.Contains("1 of 1 model(s) invalid", result.Detail);
        Assert.Contains($"mmf models {modelsDir}", result.Fix);
        Assert.Equal(ExitCodes.Failure, DoctorCommand.Run(context, json: false, new StringWriter()));
    }

    [Fact]
    public void Json_output_parses_and_lists_every_check_with_its_status()
    {
        var context = ValidContext(out _);
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Success, DoctorCommand.Run(context, json: true, output));

        using var json = JsonDocument.Parse(output.ToString());
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(DoctorChecks.All().Select(c => c.Name), checks.Select(c => c.GetProperty("name").GetString()));
        foreach (var check in checks)
        {
            Assert.Contains(check.GetProperty("status").GetString(), new[] { "ok", "warn", "fail" });
            Assert.False(string.IsNullOrEmpty(check.GetProperty("detail").GetString()));
            Assert.True(check.TryGetProperty("fix", out _));
            Assert.True(check.TryGetProperty("required", out _));
        }
        Assert.Equal("ok", checks.Single(c => c.GetProperty("name").GetString() == "ffmpeg").GetProperty("status").GetString());
    }
}
