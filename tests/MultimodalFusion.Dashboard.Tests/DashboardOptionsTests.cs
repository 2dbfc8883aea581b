namespace MultimodalFusion.Dashboard.Tests;

public sealed class DashboardOptionsTests
{
    [Fact]
    public void Defaults_bind_loopback_without_a_token_and_are_valid()
    {
        var options = new DashboardOptions();
        Assert.Equal(new Uri("http://127.0.0.1:5080"), new Uri(options.Urls));
        Assert.Null(options.Token);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080")]
    public void Loopback_urls_need_no_token(string urls) =>
        Assert.Empty(new DashboardOptions { Urls = urls }.Validate());

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5081")]
    public void Non_loopback_urls_require_a_token(string urls)
    {
        var error = Assert.Single(new DashboardOptions { Urls = urls }.Validate());
        Assert.Contains("Dashboard:Token is required", error);
        Assert.Empty(new DashboardOptions { Urls = urls, Token = "a-long-random-secret" }.Validate());
    }

    [Theory]
    [InlineData("https://127.0.0.1:5080", "only http")]
    [InlineData("127.0.0.1:5080", "not an absolute URL")]
    [InlineData("http://127.0.0.1:5080/dash", "path base")]
    [InlineData(" ", "no URL")]
    public void Bad_urls_are_refused_naming_the_key(string urls, string why)
    {
        var error = Assert.Single(new DashboardOptions { Urls = urls }.Validate());
        Assert.StartsWith("Dashboard:Urls", error);
        Assert.Contains(why, error);
    }

    [Fact]
    public void Blank_token_and_bad_bounds_are_refused()
    {
        var errors = new DashboardOptions { Token = "  ", History = TimeSpan.Zero, MaxAlerts = 0 }.Validate();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Token is blank"));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:History"));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:MaxAlerts"));
    }
}
