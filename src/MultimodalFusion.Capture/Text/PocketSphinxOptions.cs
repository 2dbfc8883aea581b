namespace MultimodalFusion.Capture.Text;

/// <summary>Model files and search settings of <see cref="PocketSphinxRecognizer"/>; defaults are Debian's pocketsphinx-en-us.</summary>
/// <param name="AcousticModelDir">-hmm: the acoustic model folder.</param>
/// <param name="LanguageModelPath">-lm: an n-gram model; ignored when <paramref name="JsgfPath"/> or <paramref name="KeyPhrase"/> is set.</param>
/// <param name="DictionaryPath">-dict: the pronunciation dictionary.</param>
/// <param name="JsgfPath">-jsgf: a JSGF grammar that restricts what can be recognised (command words).</param>
/// <param name="KeyPhrase">-keyphrase: spot one phrase instead of decoding free speech.</param>
/// <param name="KeywordThreshold">-kws_threshold for <paramref name="KeyPhrase"/>, e.g. 1e-20.</param>
/// <param name="ExtraArguments">More pocketsphinx arguments as name/value pairs ("-beam", "1e-60").</param>
public sealed record PocketSphinxOptions(
    string AcousticModelDir = PocketSphinxOptions.DebianModelDir + "/en-us",
    string LanguageModelPath = PocketSphinxOptions.DebianModelDir + "/en-us.lm.bin",
    string DictionaryPath = PocketSphinxOptions.DebianModelDir + "/cmudict-en-us.dict",
    string? JsgfPath = null,
    string? KeyPhrase = null,
    double? KeywordThreshold = null,
    IReadOnlyList<string>? ExtraArguments = null)
{
    /// <summary>Where Debian's pocketsphinx-en-us package puts its model.</summary>
    public const string DebianModelDir = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>The argv (without program name) handed to cmd_ln_parse_r.</summary>
    internal List<string> ToArguments()
    {
        var args = new List<string> { "-hmm", AcousticModelDir, "-dict", DictionaryPath, "-samprate", "16000", "-logfn", "/dev/null" };
        if (JsgfPath is not null)
            args.AddRange(["-jsgf", JsgfPath]);
        else if (KeyPhrase is not null)
        {
            args.AddRange(["-keyphrase", KeyPhrase]);
            if (KeywordThreshold is { } t)
                args.AddRange(["-kws_threshold", t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else
            args.AddRange(["-lm", LanguageModelPath]);
        if (ExtraArguments is not null)
            args.AddRange(ExtraArguments);
        return args;
    }
}
