using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Datasets.Predictions;

namespace MultimodalFusion.Cli.Eval;

/// <summary>
/// Writes one video's per-frame predictions as a challenge prediction file (<see cref="ChallengePredictionWriter"/>),
/// aligned to that video's ground-truth file so the file has exactly the frames the scorer reads.
/// </summary>
/// <remarks>
/// Cache frame i is annotation line i + 1 (Aff-Wild2) or DVD frame number i + 1. Aff-Wild2: the first N frames, N =
/// the annotation's frame count (a va+expr cache may be longer than one task's file). DVD: the frames the label file
/// lists, in its order (consecutive numbers go through the writer; gaps keep the label file's numbers).
/// Values: VA clamped to [-1, 1]; classes = argmax of the frame's probabilities. Not thread-safe.
/// </remarks>
public sealed class PredictionFiles
{
    private readonly EvalTask _task;
    private readonly string _split;
    private readonly ChallengePredictionWriter _writer;
    private readonly Dictionary<string, string> _annotations = new(StringComparer.Ordinal);
    private readonly DvdLayout? _dvd;

    /// <summary>Prepares to write predictions for <paramref name="split"/> of the dataset at <paramref name="dataRoot"/> into <paramref name="directory"/>.</summary>
    public PredictionFiles(EvalTask task, string dataRoot, string split, string directory)
    {
        _task = task;
        _split = split;
        _writer = new ChallengePredictionWriter(directory);
        if (task == EvalTask.Violence)
        {
            _dvd = new DvdLayout(dataRoot);
            return;
        }
        var challenge = task == EvalTask.Va ? AffWild2Challenge.VA : AffWild2Challenge.EXPR;
        foreach (AffWild2Entry entry in new AffWild2Layout(dataRoot).Entries(challenge, split))
            _annotations[entry.Name.Name] = entry.AnnotationPath;
    }

    /// <summary>The output folder.</summary>
    public string Directory => _writer.Directory;

    /// <summary>True when video <paramref name="id"/> has a ground-truth file for the task (a va+expr cache may list others).</summary>
    public bool HasTruth(string id) => _dvd is not null ? File.Exists(_dvd.LabelPath(_split, id)) : _annotations.ContainsKey(id);

    /// <summary>Writes video <paramref name="id"/>'s file from <paramref name="values"/> (frames x <paramref name="width"/>); returns its path.</summary>
    public string Write(string id, float[] values, int width)
    {
        int frames = values.Length / width;
        switch (_task)
        {
            case EvalTask.Va:
            {
                int n = Truncated(frames, VaFile.Read(_annotations[id]).FrameCount, id);
                var valence = new float[n];
                var arousal = new float[n];
                for (int i = 0; i < n; i++)
                {
                    valence[i] = Math.Clamp(values[i * width], -1f, 1f);
                    arousal[i] = Math.Clamp(values[i * width + 1], -1f, 1f);
                }
                return _writer.WriteVa(id, valence, arousal);
            }
            case EvalTask.Expr:
            {
                int n = Truncated(frames, ExprFile.Read(_annotations[id]).FrameCount, id);
                return _writer.WriteExpr(id, FramePredictions.ArgMax(values, width).AsSpan(0, n));
            }
            default:
            {
                int[] classes = FramePredictions.ArgMax(values, width);
                DvdLabels truth = DvdLabelFile.Read(_dvd!.LabelPath(_split, id));
                var labels = new int[truth.Count];
                for (int i = 0; i < truth.Count; i++)
                {
                    int frame = truth.FrameNumbers[i] - 1;
                    labels[i] = (uint)frame < (uint)classes.Length ? classes[frame]
                        : throw new ModelEvalException($"{_dvd.LabelPath(_split, id)}: frame {truth.FrameNumbers[i]} is past the {classes.Length} cached frames.");
                }
                bool consecutive = truth.Count > 0 && truth.FrameNumbers[^1] - truth.FrameNumbers[0] == truth.Count - 1;
                if (consecutive)
                    return _writer.WriteViolence(id, labels, truth.FrameNumbers[0]);
                string path = Path.Combine(_writer.Directory, id + ".csv");
                System.IO.Directory.CreateDirectory(_writer.Directory);
                DvdLabelFile.WritePrediction(path, new DvdLabels(truth.FrameNumbers, labels));
                return path;
            }
        }
    }

    private static int Truncated(int cached, int truth, string id) => cached >= truth ? truth
        : throw new ModelEvalException($"video '{id}': the feature cache has {cached} frames, its annotation {truth}; rebuild the cache.");
}
