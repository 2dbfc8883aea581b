using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Window multi-head self-attention with relative position bias, optionally over cyclically shifted windows
/// (torchvision's <c>ShiftedWindowAttention</c>: state_dict keys <c>qkv</c>, <c>proj</c>,
/// <c>relative_position_bias_table</c>, <c>relative_position_index</c>).
/// </summary>
/// <remarks>
/// Input and output are token maps [batch, H, W, C]. The map is zero-padded to whole windows, rolled by -shift,
/// cut into windows of N = window² tokens, attended per window (softmax(q·kᵀ/√d + bias [+ mask])·v), merged back,
/// rolled by +shift and cropped. Padded tokens take part as keys, exactly as in torchvision.
/// </remarks>
internal sealed class SwinWindowAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear _qkv;
    private readonly Linear _proj;
    private readonly Parameter _table;
    private readonly Tensor _index;

    public SwinWindowAttention(string name, int dim, int heads, int window, int shift) : base(name)
    {
        Dim = dim;
        Heads = heads;
        Window = window;
        Shift = shift;
        _qkv = nn.Linear(dim, 3L * dim);
        _proj = nn.Linear(dim, dim);
        _table = new Parameter(zeros((2L * window - 1) * (2L * window - 1), heads));
        int n = window * window;
        _index = tensor(SwinWindows.RelativePositionIndex(window), new long[] { (long)n * n });
        register_module("qkv", _qkv);
        register_module("proj", _proj);
        register_parameter("relative_position_bias_table", _table);
        register_buffer("relative_position_index", _index);
    }

    public int Dim { get; }
    public int Heads { get; }
    public int Window { get; }

    /// <summary>Shift of this block before the per-map check (0 for regular blocks, window / 2 for shifted ones).</summary>
    public int Shift { get; }

    internal Linear Qkv => _qkv;
    internal Linear Proj => _proj;
    internal Parameter Table => _table;

    /// <summary>The bias added to every window's scores: [1, heads, N, N], gathered from the table by the index buffer.</summary>
    public Tensor RelativePositionBias()
    {
        using var scope = NewDisposeScope();
        long n = (long)Window * Window;
        var bias = _table.index_select(0, _index).view(n, n, Heads).permute(2, 0, 1).contiguous().unsqueeze(0);
        return bias.MoveToOuterDisposeScope();
    }

    /// <summary>Children are registered by hand under torchvision's names; field-based registration would add "_field" duplicates.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0];
        int height = (int)input.shape[1], width = (int)input.shape[2];
        var (padHeight, padWidth, shiftHeight, shiftWidth) = SwinWindows.Geometry(height, width, Window, Shift);
        var x = padHeight != height || padWidth != width
            ? nn.functional.pad(input, new long[] { 0, 0, 0, padWidth - width, 0, padHeight - height })
            : input;
        bool shifted = shiftHeight + shiftWidth > 0;
        if (shifted)
            x = x.roll(new long[] { -shiftHeight, -shiftWidth }, new long[] { 1, 2 });

        long rows = padHeight / Window, cols = padWidth / Window, windows = rows * cols, n = (long)Window * Window;
        int headSize = Dim / Heads;
        x = x.view(batch, rows, Window, cols, Window, Dim).permute(0, 1, 3, 2, 4, 5).reshape(batch * windows, n, Dim);
        var qkv = _qkv.forward(x).reshape(batch * windows, n, 3, Heads, headSize).permute(2, 0, 3, 1, 4);
        var q = qkv[0] * Math.Pow(headSize, -0.5);
        var scores = q.matmul(qkv[1].transpose(-2, -1)) + RelativePositionBias();
        if (shifted)
        {
            var mask = tensor(SwinWindows.ShiftMask(padHeight, padWidth, Window, shiftHeight, shiftWidth), new long[] { 1, windows, 1, n, n },
                device: input.device);
            scores = (scores.view(batch, windows, Heads, n, n) + mask).view(batch * windows, Heads, n, n);
        }
        x = scores.softmax(-1).matmul(qkv[2]).transpose(1, 2).reshape(batch * windows, n, Dim);
        x = _proj.forward(x);

        x = x.view(batch, rows, cols, Window, Window, Dim).permute(0, 1, 3, 2, 4, 5).reshape(batch, padHeight, padWidth, Dim);
        if (shifted)
            x = x.roll(new long[] { shiftHeight, shiftWidth }, new long[] { 1, 2 });
        if (padHeight != height || padWidth != width)
            x = x.slice(1, 0, height, 1).slice(2, 0, width, 1);
        return x.contiguous().MoveToOuterDisposeScope();
    }
}
