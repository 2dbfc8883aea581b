using MultimodalFusion.Cli.Doctor.Checks;

namespace MultimodalFusion.Cli.Doctor;

/// <summary>The checks <c>mmf doctor</c> runs, in the order shown.</summary>
public static class DoctorChecks
{
    /// <summary>One check per dependency of the product (tools, native libraries, model files).</summary>
    public static IReadOnlyList<IDoctorCheck> All() =>
    [
        new FfmpegCheck(),
        new OpenCvCheck(),
        new HaarCascadeCheck(),
        new OnnxRuntimeCheck(),
        new ModelsCheck(),
        new MiniLmCheck(),
        new SileroVadCheck(),
        new ToolOnPathCheck("espeak-ng", required: true, "espeak-ng", ["--version"], "sudo apt-get install espeak-ng", "mmf synth"),
        new PulseAudioCheck(),
        new PocketSphinxCheck(),
        new ToolOnPathCheck("mosquitto", required: false, "mosquitto", ["-h"], "sudo apt-get install mosquitto",
            "the MQTT alert tests", "/usr/sbin", "/usr/local/sbin"),
        new CudaCheck(),
    ];
}
