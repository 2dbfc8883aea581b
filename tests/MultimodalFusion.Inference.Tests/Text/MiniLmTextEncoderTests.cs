using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Inference.Tests.Text;

public sealed class MiniLmTextEncoderTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void Embedding_is_384_d_with_unit_norm()
    {
        float[] v = fixture.Encoder.Encode("The quick brown fox jumps over the lazy dog.");

        Assert.Equal(384, v.Length);
        Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-5);
        Assert.Contains(v, x => Math.Abs(x) > 0.05f);
    }

    [Fact]
    public void Similar_sentences_score_higher_than_unrelated_ones()
    {
        var e = fixture.Encoder;
        float[] angry = e.Encode("I am so angry, this is outrageous!");
        float[] furious = e.Encode("I'm furious, this is completely unacceptable.");
        float[] weather = e.Encode("The weather forecast says light rain tomorrow morning.");
        float[] cat = e.Encode("A cat is sleeping on the sofa.");
        float[] kitten = e.Encode("A kitten naps on the couch.");

        float similar = MiniLmTextEncoder.Cosine(angry, furious);
        float unrelated = MiniLmTextEncoder.Cosine(angry, weather);
        float catSimilar = MiniLmTextEncoder.Cosine(cat, kitten);
        float catUnrelated = MiniLmTextEncoder.Cosine(cat, weather);

        Console.WriteLine($"cosines: angry/furious {similar:F3}, angry/weather {unrelated:F3}, cat/kitten {catSimilar:F3}, cat/weather {catUnrelated:F3}");
        Assert.True(similar > 0.5f, $"angry/furious cosine {similar}");
        Assert.True(unrelated < 0.25f, $"angry/weather cosine {unrelated}");
        Assert.True(catSimilar > 0.6f, $"cat/kitten cosine {catSimilar}");
        Assert.True(catSimilar - catUnrelated > 0.4f, $"cat/kitten {catSimilar} vs cat/weather {catUnrelated}");
    }

    [Fact]
    public void Same_text_gives_the_same_vector_and_case_does_not_matter()
    {
        float[] a = fixture.Encoder.Encode("Go forward ten meters");
        float[] b = fixture.Encoder.Encode("go forward TEN meters");
        Assert.Equal(1f, MiniLmTextEncoder.Cosine(a, b), 1e-5f);
    }

    [Fact]
    public void Extracted_model_validates_against_its_manifest()
    {
        using var model = new ModelLoader().Load(fixture.ModelPath, new OrtSessionOptions { WarmUpRuns = 0 });
        Assert.Equal("text", model.Manifest.Role);
        Assert.Equal(64, model.Manifest.Sha256!.Length);
    }

    [Fact]
    public void Long_text_is_cut_at_max_tokens_instead_of_failing()
    {
        string longText = string.Join(' ', Enumerable.Repeat("speech", 1000));
        float[] v = fixture.Encoder.Encode(longText);
        Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-5);
    }

    [Fact]
    public void Graph_outputs_token_states_of_384()
    {
        var output = fixture.Session.Outputs.First().Value;
        Assert.Equal(384, output.Dimensions[^1]);
        Assert.Equal(["attention_mask", "input_ids", "token_type_ids"], fixture.Session.Inputs.Keys.Order(StringComparer.Ordinal));
    }
}
