using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Saves and strictly loads <see cref="SwinTransformer"/> weights as PyTorch state_dicts through TorchSharp.PyBridge:
/// pickled <c>.pt</c>/<c>.pth</c> (<c>torch.save(model.state_dict(), path)</c>) or <c>.safetensors</c>.
/// </summary>
/// <remarks>
/// The format follows the extension (<c>.safetensors</c>, anything else is read as a torch.save zip archive). A
/// torchvision <c>swin_t</c> state_dict loads into <c>new SwinTransformer(SwinOptions.Tiny224)</c>. Loading is
/// all-or-nothing: every key must be present with the model's shape and no key may be left over, otherwise
/// <see cref="InvalidDataException"/> names the file and the first offending keys, and the model is left unchanged.
/// </remarks>
public static class SwinWeights
{
    /// <summary>How many keys of each kind an error message lists before "and N more".</summary>
    private const int KeysShown = 5;

    /// <summary>Writes the model's state_dict (parameters and the relative-position index buffers) to <paramref name="path"/>.</summary>
    public static void Save(SwinTransformer model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full))
            File.Delete(full); // PyBridge opens with OpenWrite: a longer old file would leave trailing bytes.
        if (IsSafetensors(full))
            model.save_safetensors(full);
        else
            model.save_py(full);
    }

    /// <summary>Copies every tensor of the state_dict in <paramref name="path"/> into <paramref name="model"/> (strict).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable state_dict, or its keys or shapes do not match the model.</exception>
    public static void Load(SwinTransformer model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Swin weights '{full}' not found.", full);
        var loaded = Read(full);
        try
        {
            var target = model.state_dict();
            string? problem = Compare(target, loaded);
            if (problem is not null)
                throw new InvalidDataException($"Swin weights '{full}' do not fit {model.Options.Describe()}: {problem}.");
            using var noGrad = no_grad();
            foreach (var (key, tensor) in target)
                tensor.copy_(loaded[key]);
        }
        finally
        {
            foreach (var tensor in loaded.Values)
                tensor.Dispose();
        }
    }

    /// <summary>The state_dict stored in a file, by key; the caller disposes the tensors.</summary>
    internal static Dictionary<string, Tensor> Read(string path)
    {
        try
        {
            if (IsSafetensors(path))
                return Safetensors.LoadStateDict(path);
            var table = PyTorchUnpickler.UnpickleStateDict(path);
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in table)
            {
                if (entry.Key is string key && entry.Value is Tensor tensor)
                    result[key] = tensor;
            }
            return result;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            string format = IsSafetensors(path) ? "a safetensors file" : "a torch.save zip archive of a state_dict";
            throw new InvalidDataException($"Swin weights '{path}' could not be read as {format}: {ex.Message}", ex);
        }
    }

    /// <summary>Null when keys and shapes agree, else a description of the missing, unexpected and misshaped keys.</summary>
    internal static string? Compare(IReadOnlyDictionary<string, Tensor> model, IReadOnlyDictionary<string, Tensor> file)
    {
        var missing = model.Keys.Where(k => !file.ContainsKey(k)).ToList();
        var unexpected = file.Keys.Where(k => !model.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var misshaped = model.Keys.Where(file.ContainsKey)
            .Where(k => !model[k].shape.SequenceEqual(file[k].shape))
            .Select(k => $"{k} (file [{string.Join(", ", file[k].shape)}], model [{string.Join(", ", model[k].shape)}])")
            .ToList();
        var parts = new List<string>();
        if (missing.Count > 0)
            parts.Add($"{missing.Count} missing key(s): {List(missing)}");
        if (unexpected.Count > 0)
            parts.Add($"{unexpected.Count} unexpected key(s): {List(unexpected)}");
        if (misshaped.Count > 0)
            parts.Add($"{misshaped.Count} key(s) with another shape: {List(misshaped)}");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string List(List<string> keys) =>
        string.Join(", ", keys.Take(KeysShown)) + (keys.Count > KeysShown ? $" and {keys.Count - KeysShown} more" : "");

    private static bool IsSafetensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);
}
