using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Datasets.Tests.Cache;

public class ExtractorProvenanceTests
{
    [Fact]
    public void Extractor_provenance_hashes_the_model_file()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("model.onnx", "abc");
        var p = ExtractorProvenance.FromFile(path, modality: "video");
        // SHA-256 of "abc" (FIPS 180-2 test vector).
        Assert.Equal(new ExtractorProvenance("model.onnx", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "video"), p);
        Assert.Contains(dir.Combine("none.onnx"), Assert.Throws<FileNotFoundException>(() => ExtractorProvenance.FromFile(dir.Combine("none.onnx"))).Message);
    }
}
