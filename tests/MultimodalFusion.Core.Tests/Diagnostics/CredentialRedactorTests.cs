using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Core.Tests.Diagnostics;

public sealed class CredentialRedactorTests
{
    [Theory]
    [InlineData("rtsp://user:pass@host/stream1", "rtsp://***@host/stream1")]
    [InlineData("rtsp://admin@10.0.0.7:554/live", "rtsp://***@10.0.0.7:554/live")]
    [InlineData("https://alerts.example/hook?token=abc123&camera=gate", "https://alerts.example/hook?token=***&camera=gate")]
    [InlineData("http://h/x?a=1&api_key=K&password=p%40ss", "http://h/x?a=1&api_key=***&password=***")]
    [InlineData("rtsp://u:p@cam/s?auth=zz", "rtsp://***@cam/s?auth=***")]
    [InlineData("https://h/x?access_token=T1&x-api-key=T2", "https://h/x?access_token=***&x-api-key=***")]
    [InlineData("rtsp://cam/s?keyframe=1&passes=2&tokens_left=3", "rtsp://cam/s?keyframe=1&passes=2&tokens_left=3")]
    public void Credentials_in_a_url_are_masked_and_look_alike_names_are_not(string input, string expected) =>
        Assert.Equal(expected, CredentialRedactor.Redact(input));

    [Fact]
    public void Every_url_in_a_text_is_redacted()
    {
        string text = "ffmpeg failed on rtsp://a:secret1@cam1/s and rtsp://b:secret2@cam2/s; webhook https://x/h?token=secret3 refused";
        string redacted = CredentialRedactor.Redact(text);
        Assert.DoesNotContain("secret", redacted);
        Assert.Contains("rtsp://***@cam1/s", redacted);
        Assert.Contains("rtsp://***@cam2/s", redacted);
        Assert.Contains("token=***", redacted);
        Assert.StartsWith("ffmpeg failed on ", redacted);
    }

    [Theory]
    [InlineData("no urls here, just a message")]
    [InlineData("rtsp://cam1/stream (no credentials)")]
    [InlineData("/dev/video0: No such file or directory")]
    [InlineData("camera=gate fps=10")]
    public void Text_without_credentials_is_unchanged(string text) =>
        Assert.Equal(text, CredentialRedactor.Redact(text));

    [Fact]
    public void Null_and_empty_become_empty()
    {
        Assert.Equal(string.Empty, CredentialRedactor.Redact(null));
        Assert.Equal(string.Empty, CredentialRedactor.Redact(""));
    }
}
