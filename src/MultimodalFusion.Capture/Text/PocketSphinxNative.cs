using System.Runtime.InteropServices;

namespace MultimodalFusion.Capture.Text;

/// <summary>P/Invoke declarations for CMU pocketsphinx 5prealpha (Debian: libpocketsphinx.so.3, libsphinxbase.so.3).</summary>
/// <remarks>
/// The configuration comes from <c>cmd_ln_parse_r</c> with an argv array: the variadic
/// <c>cmd_ln_init</c> cannot be called portably from .NET. A decoder (ps_decoder_t) is not thread-safe.
/// Strings returned by ps_get_hyp belong to the decoder and live until its next call.
/// </remarks>
internal static partial class PocketSphinxNative
{
    private const string Ps = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(Ps, EntryPoint = "ps_args")]
    public static partial IntPtr Args();

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_parse_r")]
    public static partial IntPtr CmdLnParse(IntPtr inoutCmdln, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    public static partial int CmdLnFree(IntPtr cmdln);

    [LibraryImport(Ps, EntryPoint = "ps_init")]
    public static partial IntPtr Init(IntPtr config);

    [LibraryImport(Ps, EntryPoint = "ps_free")]
    public static partial int Free(IntPtr decoder);

    [LibraryImport(Ps, EntryPoint = "ps_start_utt")]
    public static partial int StartUtt(IntPtr decoder);

    [LibraryImport(Ps, EntryPoint = "ps_process_raw")]
    public static unsafe partial int ProcessRaw(IntPtr decoder, short* data, nuint samples, int noSearch, int fullUtt);

    [LibraryImport(Ps, EntryPoint = "ps_end_utt")]
    public static partial int EndUtt(IntPtr decoder);

    [LibraryImport(Ps, EntryPoint = "ps_get_hyp")]
    public static partial IntPtr GetHyp(IntPtr decoder, out int bestScore);

    [LibraryImport(Ps, EntryPoint = "ps_get_prob")]
    public static partial int GetProb(IntPtr decoder);

    [LibraryImport(Ps, EntryPoint = "ps_get_logmath")]
    public static partial IntPtr GetLogMath(IntPtr decoder);

    [LibraryImport(SphinxBase, EntryPoint = "logmath_exp")]
    public static partial double LogMathExp(IntPtr logMath, int logb);
}
