using MultimodalFusion.Inference.Text;
using MultimodalFusion.Integration.Tests.Probe;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Models;

/// <summary>`mmf models` as a user runs it, over the real MiniLM model and its manifest.</summary>
public sealed class ModelsCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_valid_model_is_listed_and_a_damaged_one_fails_naming_its_file()
    {
        string dir = RepoPaths.NewTempDir("mmf-models");
        string model = MiniLmResources.ExtractTo(dir);

        var (ok, okOut, okErr) = await CliProcess.RunAsync(s_timeout, "models", dir);
        Assert.True(ok == 0, okOut + okErr);
        Assert.Contains("OK ", okOut);
        Assert.Contains("1 model(s), 0 failed.", okOut);

        // One flipped byte: the manifest's sha256 no longer matches the file.
        byte[] bytes = await File.ReadAllBytesAsync(model);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(model, bytes);
        var (bad, badOut, badErr) = await CliProcess.RunAsync(s_timeout, "models", dir);
        Assert.Equal(1, bad);
        Assert.Contains("FAIL", badOut);
        Assert.Contains(Path.GetFileName(model), badOut + badErr);
        Assert.Contains("1 model(s), 1 failed.", badOut);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_fails_naming_it()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(s_timeout, "models", "/no/such/models");
        Assert.Equal(1, code);
        Assert.Contains("/no/such/models", stdout + stderr);
    }
}
