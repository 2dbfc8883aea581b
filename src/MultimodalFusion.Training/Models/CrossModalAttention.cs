using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models;

/// <summary>
/// One direction of cross-modal attention: the query stream attends to the key stream with multi-head
/// scaled dot-product attention, then residual + LayerNorm: LN(q + Wo·softmax(QKᵀ/√d + maskBias)·V).
/// </summary>
/// <remarks>
/// Written out by hand (not nn.MultiheadAttention) so that the exporter emits exactly these operations.
/// Masked keys get a bias of -1e9; when every key of a row is masked the weights become uniform, the same
/// in TorchSharp and ONNX Runtime.
/// </remarks>
public sealed class CrossModalAttention : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>Additive bias for masked keys, (mask - 1) * MaskScale.</summary>
    internal const float MaskScale = 1e9f;

    /// <summary>LayerNorm epsilon (torch's default), also written into the exported graph.</summary>
    internal const double LayerNormEpsilon = 1e-5;

    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;
    private readonly LayerNorm norm;

    /// <summary>Attention over encoded steps of size <paramref name="size"/> with <paramref name="heads"/> heads.</summary>
    public CrossModalAttention(string name, int size, int heads) : base(name)
    {
        Size = size;
        Heads = heads;
        query = nn.Linear(size, size);
        key = nn.Linear(size, size);
        value = nn.Linear(size, size);
        output = nn.Linear(size, size);
        norm = nn.LayerNorm(size, LayerNormEpsilon);
        RegisterComponents();
    }

    /// <summary>Model size (query/key/value width).</summary>
    public int Size { get; }

    /// <summary>Number of heads.</summary>
    public int Heads { get; }

    internal Linear Query => query;
    internal Linear Key => key;
    internal Linear Value => value;
    internal Linear Output => output;
    internal LayerNorm Norm => norm;

    /// <summary>Query [b, tq, d], keys [b, tk, d], key mask [b, tk] (float 1/0) -> [b, tq, d].</summary>
    public override Tensor forward(Tensor queries, Tensor keys, Tensor keyMask)
    {
        using var scope = NewDisposeScope();
        long batch = queries.shape[0], tq = queries.shape[1], tk = keys.shape[1];
        int headSize = Size / Heads;
        var q = query.forward(queries).reshape(batch, tq, Heads, headSize).transpose(1, 2);
        var k = key.forward(keys).reshape(batch, tk, Heads, headSize).permute(0, 2, 3, 1);
        var v = value.forward(keys).reshape(batch, tk, Heads, headSize).transpose(1, 2);
        var bias = ((keyMask - 1f) * MaskScale).unsqueeze(1).unsqueeze(1);
        var scores = q.matmul(k) * (float)(1.0 / Math.Sqrt(headSize)) + bias;
        var attended = scores.softmax(-1).matmul(v).transpose(1, 2).reshape(batch, tq, Size);
        return norm.forward(queries + output.forward(attended)).MoveToOuterDisposeScope();
    }
}
