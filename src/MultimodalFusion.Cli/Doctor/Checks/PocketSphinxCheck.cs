using System.Runtime.InteropServices;
using MultimodalFusion.Capture.Text;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>pocketsphinx speech recognition: its two native libraries load and the en-us model files exist (optional).</summary>
public sealed class PocketSphinxCheck : DoctorCheck
{
    /// <summary>The fix on Debian/Ubuntu (libraries and the en-us model).</summary>
    public const string InstallCommand = "sudo apt-get install pocketsphinx pocketsphinx-en-us";

    // The sonames PocketSphinxNative binds to (its constants are private).
    private static readonly string[] s_libraries = ["libpocketsphinx.so.3", "libsphinxbase.so.3"];

    /// <inheritdoc/>
    public override string Name => "pocketsphinx";

    /// <inheritdoc/>
    public override bool Required => false;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        var problems = new List<string>();
        foreach (string library in s_libraries)
        {
            if (!NativeLibrary.TryLoad(library, out IntPtr handle))
                problems.Add($"{library} does not load");
            else
                NativeLibrary.Free(handle);
        }
        var options = new PocketSphinxOptions();
        if (!Directory.Exists(options.AcousticModelDir))
            problems.Add($"{options.AcousticModelDir}: acoustic model folder missing");
        foreach (string file in new[] { options.LanguageModelPath, options.DictionaryPath })
        {
            if (!File.Exists(file))
                problems.Add($"{file}: missing");
        }
        return problems.Count == 0
            ? Ok($"{string.Join(", ", s_libraries)}; model {PocketSphinxOptions.DebianModelDir}")
            : Fail(string.Join("; ", problems) + ".", InstallCommand);
    }
}
