using MultimodalFusion.Cli.Doctor;
using MultimodalFusion.Cli.Doctor.Checks;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Doctor;

/// <summary>Single checks and the exit-code rule (required failures only).</summary>
public sealed class DoctorCheckTests
{
    [Fact]
    public void A_missing_cascade_fails_naming_the_file_and_opencv_data()
    {
        string missing = Path.Combine(RepoPaths.NewTempDir("mmf-doctor"), "no-cascade.xml");
        var result = new HaarCascadeCheck().Run(new DoctorContext { CascadePath = missing });
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(missing, result.Detail);
        Assert.Contains("apt-get install opencv-data", result.Fix);
    }

    [Fact]
    public void A_missing_optional_tool_warns_and_keeps_exit_code_0_but_a_required_one_gives_1()
    {
        var context = new DoctorContext { EnvironmentOverrides = new Dictionary<string, string?> { ["PATH"] = RepoPaths.NewTempDir("mmf-doctor-path") } };
        var optional = new ToolOnPathCheck("espeak-ng", required: false, "espeak-ng", ["--version"], "sudo apt-get install espeak-ng", "mmf synth");
        var required = new ToolOnPathCheck("espeak-ng", required: true, "espeak-ng", ["--version"], "sudo apt-get install espeak-ng", "mmf synth");

        var warned = DoctorReport.Run([optional], context);
        Assert.Equal(CheckStatus.Warn, warned.Results.Single().Status);
        Assert.Equal(0, warned.ExitCode);

        var failed = DoctorReport.Run([required], context);
        Assert.Equal(CheckStatus.Fail, failed.Results.Single().Status);
        Assert.Contains("'espeak-ng' not found on PATH", failed.Results.Single().Detail);
        Assert.Equal(1, failed.ExitCode);
    }

    [Fact]
    public void Tools_found_on_PATH_report_their_version_line()
    {
        var result = new ToolOnPathCheck("espeak-ng", required: true, "espeak-ng", ["--version"], "sudo apt-get install espeak-ng", "mmf synth")
            .Run(new DoctorContext());
        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Contains("eSpeak NG", result.Detail);
    }

    [Fact]
    public void The_cpu_provider_is_listed_and_the_cpu_build_reports_cuda_as_a_warning_with_the_gpu_build_command()
    {
        var ort = new OnnxRuntimeCheck().Run(new DoctorContext());
        Assert.Equal(CheckStatus.Ok, ort.Status);
        Assert.Contains(OnnxRuntimeCheck.CpuProvider, ort.Detail);

        var cuda = new CudaCheck().Run(new DoctorContext());
        Assert.False(cuda.Required);
        Assert.Equal(CheckStatus.Warn, cuda.Status);
        Assert.Contains("CPU build", cuda.Detail);
        Assert.Equal(CudaCheck.GpuBuildCommand, cuda.Fix);
    }

    [Fact]
    public void A_file_that_is_not_a_silero_graph_fails_the_optional_vad_check_as_a_warning_naming_it()
    {
        // chelsea.png is no ONNX model at all: loading it must fail with its path, not fall back silently.
        string notAModel = Path.Combine(RepoPaths.NewTempDir("mmf-doctor"), "silero_vad_v5.onnx");
        File.Copy(RepoPaths.Media("chelsea.png"), notAModel);
        var result = new SileroVadCheck().Run(new DoctorContext { SileroPath = notAModel });
        Assert.Equal(CheckStatus.Warn, result.Status);
        Assert.Contains(notAModel, result.Detail);
        Assert.Equal(SileroVadCheck.FetchCommand, result.Fix);
    }
}
