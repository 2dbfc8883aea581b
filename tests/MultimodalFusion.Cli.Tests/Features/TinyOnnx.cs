using System.Text;

namespace MultimodalFusion.Cli.Tests.Features;

/// <summary>
/// Writes small real ONNX models (protobuf ModelProto, IR 8, opset 13) for the tests: float tensors, nodes with
/// int / ints attributes, float initializers.
/// </summary>
/// <remarks>
/// This test project does not reference MultimodalFusion.Onnx (OnnxGraphBuilder), so the few protobuf fields these
/// graphs need are encoded here: ModelProto{ir_version 1, opset_import 8, graph 7}, GraphProto{node 1, name 2,
/// initializer 5, input 11, output 12}, NodeProto{input 1, output 2, op_type 4, attribute 5},
/// AttributeProto{name 1, i 3, ints 8, type 20}, TensorProto{dims 1, data_type 2, name 8, raw_data 9},
/// ValueInfoProto{name 1, type 2 → tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1 | dim_param 2}.
/// </remarks>
internal sealed class TinyOnnx(string name)
{
    private readonly List<byte[]> _nodes = [], _initializers = [], _inputs = [], _outputs = [];

    /// <summary>A float input; each dim is an int (fixed) or a string (symbolic).</summary>
    public TinyOnnx Input(string tensor, params object[] dims)
    {
        _inputs.Add(ValueInfo(tensor, dims));
        return this;
    }

    /// <summary>A float output.</summary>
    public TinyOnnx Output(string tensor, params object[] dims)
    {
        _outputs.Add(ValueInfo(tensor, dims));
        return this;
    }

    /// <summary>A float initializer of the given shape.</summary>
    public TinyOnnx Initializer(string tensor, float[] values, params long[] dims)
    {
        var t = new Proto();
        foreach (long d in dims)
            t.Varint(1, (ulong)d);
        t.Varint(2, 1);   // FLOAT
        t.String(8, tensor);
        byte[] raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        t.Bytes(9, raw);
        _initializers.Add(t.ToArray());
        return this;
    }

    /// <summary>A node; attributes are long (INT) or long[] (INTS).</summary>
    public TinyOnnx Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var n = new Proto();
        foreach (string i in inputs)
            n.String(1, i);
        foreach (string o in outputs)
            n.String(2, o);
        n.String(4, opType);
        foreach (var (attrName, value) in attributes)
        {
            var a = new Proto();
            a.String(1, attrName);
            if (value is long i)
            {
                a.Varint(3, (ulong)i);
                a.Varint(20, 2);
            }
            else
            {
                foreach (long v in (long[])value)
                    a.Varint(8, (ulong)v);
                a.Varint(20, 7);
            }
            n.Bytes(5, a.ToArray());
        }
        _nodes.Add(n.ToArray());
        return this;
    }

    /// <summary>Writes the model to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var graph = new Proto();
        foreach (byte[] node in _nodes)
            graph.Bytes(1, node);
        graph.String(2, name);
        foreach (byte[] init in _initializers)
            graph.Bytes(5, init);
        foreach (byte[] input in _inputs)
            graph.Bytes(11, input);
        foreach (byte[] output in _outputs)
            graph.Bytes(12, output);
        var opset = new Proto();
        opset.String(1, "");
        opset.Varint(2, 13);
        var model = new Proto();
        model.Varint(1, 8);
        model.String(2, "mmf-tests");
        model.Bytes(8, opset.ToArray());
        model.Bytes(7, graph.ToArray());
        File.WriteAllBytes(path, model.ToArray());
    }

    private static byte[] ValueInfo(string tensor, object[] dims)
    {
        var shape = new Proto();
        foreach (object d in dims)
        {
            var dim = new Proto();
            if (d is string symbol)
                dim.String(2, symbol);
            else
                dim.Varint(1, (ulong)Convert.ToInt64(d));
            shape.Bytes(1, dim.ToArray());
        }
        var tensorType = new Proto();
        tensorType.Varint(1, 1);   // FLOAT
        tensorType.Bytes(2, shape.ToArray());
        var type = new Proto();
        type.Bytes(1, tensorType.ToArray());
        var info = new Proto();
        info.String(1, tensor);
        info.Bytes(2, type.ToArray());
        return info.ToArray();
    }

    /// <summary>Protobuf wire encoding of varint and length-delimited fields.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _stream = new();

        public void Varint(int field, ulong value)
        {
            Raw(((ulong)field << 3) | 0);
            Raw(value);
        }

        public void Bytes(int field, byte[] value)
        {
            Raw(((ulong)field << 3) | 2);
            Raw((ulong)value.Length);
            _stream.Write(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public byte[] ToArray() => _stream.ToArray();

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _stream.WriteByte((byte)value);
        }
    }
}
