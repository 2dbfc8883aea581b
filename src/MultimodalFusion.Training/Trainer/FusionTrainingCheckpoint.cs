using System.Text;
using System.Text.Json;
using MultimodalFusion.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// The resumable checkpoint of a training run, four files from one path <c>NAME.pt</c>: the current weights and
/// options (<see cref="FusionCheckpoint"/>: <c>NAME.pt</c> + <c>NAME.json</c>, loadable and exportable as a model),
/// the optimizer state (<c>NAME.optim</c>), the best weights so far (<c>NAME.best</c>) and the
/// <see cref="FusionTrainingState"/> (<c>NAME.state.json</c>, written last: it is the commit point).
/// </summary>
/// <remarks>The optimizer, best-weights and state files are written to a temporary name and moved into place; the state goes last.</remarks>
public static class FusionTrainingCheckpoint
{
    private const string TensorMagic = "mmf-weights/1";
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The state file of a checkpoint path (<c>NAME.pt</c> -> <c>NAME.state.json</c>).</summary>
    public static string StatePathFor(string weightsPath) => Path.ChangeExtension(Path.GetFullPath(weightsPath), ".state.json");

    /// <summary>Reads the state of a checkpoint, failing with a message that names the file.</summary>
    public static FusionTrainingState ReadState(string weightsPath)
    {
        string path = StatePathFor(weightsPath);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Training checkpoint state not found: {path} (written beside {Path.GetFullPath(weightsPath)} after each epoch).", path);
        try
        {
            return JsonSerializer.Deserialize<FusionTrainingState>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"Training checkpoint state {path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Training checkpoint state {path} is not valid: {ex.Message}", ex);
        }
    }

    internal static void Save(string weightsPath, FusionModel model, OptimizerHelper optimizer, IReadOnlyDictionary<string, Tensor> best, FusionTrainingState state)
    {
        string full = Path.GetFullPath(weightsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        FusionCheckpoint.Save(model, full, new Dictionary<string, string> { ["epoch"] = state.EpochsDone.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Replace(Path.ChangeExtension(full, ".optim"), optimizer.save_state_dict);
        Replace(Path.ChangeExtension(full, ".best"), temp => WriteTensors(temp, best));
        Replace(StatePathFor(full), temp => File.WriteAllText(temp, JsonSerializer.Serialize(state, s_json)));
    }

    /// <summary>Loads the current weights into <paramref name="model"/>, the optimizer state, and returns the state and the best weights (owned by the caller).</summary>
    internal static (FusionTrainingState State, Dictionary<string, Tensor> Best) Load(string weightsPath, FusionModel model, OptimizerHelper optimizer)
    {
        string full = Path.GetFullPath(weightsPath);
        var state = ReadState(full);
        foreach (string part in new[] { full, Path.ChangeExtension(full, ".optim"), Path.ChangeExtension(full, ".best") })
        {
            if (!File.Exists(part))
                throw new FileNotFoundException($"Training checkpoint is incomplete: {part} is missing.", part);
        }
        model.load(full);
        optimizer.load_state_dict(Path.ChangeExtension(full, ".optim"));
        return (state, ReadTensors(Path.ChangeExtension(full, ".best")));
    }

    private static void Replace(string path, Action<string> write)
    {
        string temp = path + ".tmp";
        write(temp);
        File.Move(temp, path, overwrite: true);
    }

    private static void WriteTensors(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(TensorMagic);
        writer.Write(tensors.Count);
        foreach (var (name, value) in tensors)
        {
            using var cpu = value.detach().cpu().contiguous();
            writer.Write(name);
            writer.Write(cpu.shape.Length);
            foreach (long d in cpu.shape)
                writer.Write(d);
            foreach (float v in cpu.data<float>())
                writer.Write(v);
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (reader.ReadString() != TensorMagic)
            throw new InvalidDataException($"{path} is not a '{TensorMagic}' weights file.");
        int count = reader.ReadInt32();
        var result = new Dictionary<string, Tensor>(count);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var shape = new long[reader.ReadInt32()];
            for (int d = 0; d < shape.Length; d++)
                shape[d] = reader.ReadInt64();
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (int v = 0; v < values.Length; v++)
                values[v] = reader.ReadSingle();
            result[name] = tensor(values, shape).DetachFromDisposeScope();
        }
        return result;
    }
}
