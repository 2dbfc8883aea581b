using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MultimodalFusion.Dashboard.Tests.Support;

namespace MultimodalFusion.Dashboard.Tests.Http;

public sealed class TokenTests
{
    private const string Token = "test-token-5f2c9a";

    [Fact]
    public async Task Without_a_token_configured_loopback_serves_everyone()
    {
        await using var dash = await TestDashboard.StartAsync();
        Assert.Equal("127.0.0.1", dash.Server.Address.Host);
        Assert.NotEqual(0, dash.Server.Address.Port);
        using var client = dash.Client();
        using var response = await client.GetAsync("/api/state");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"cameras\":[]", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.Forbidden)]
    [InlineData("192.168.1.20:5080", HttpStatusCode.Forbidden)]
    [InlineData("localhost:5080", HttpStatusCode.OK)]
    [InlineData("[::1]:5080", HttpStatusCode.OK)]
    public async Task Without_a_token_only_loopback_host_names_are_answered(string host, HttpStatusCode expected)
    {
        await using var dash = await TestDashboard.StartAsync();
        using var client = dash.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Host = host; // what a browser sends after DNS rebinding evil.example to 127.0.0.1
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
            Assert.Contains("Dashboard:Token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Non_loopback_without_a_token_refuses_to_start_naming_the_key()
    {
        var options = new DashboardOptions { Urls = "http://0.0.0.0:0" };
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardServer.StartAsync(options, new DashboardFeed()));
        Assert.Contains("Dashboard:Token is required", ex.Message);
        Assert.Contains("0.0.0.0", ex.Message);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/state")]
    [InlineData("/api/state.js")]
    [InlineData("/api/events")]
    [InlineData("/api/frames/gate.jpg")]
    [InlineData("/clips/clips/gate/evt.jpg")]
    [InlineData("/dashboard.js")]
    public async Task Every_path_needs_the_token(string path)
    {
        await using var dash = await TestDashboard.StartAsync(Token);
        dash.Feed.PublishFrame("gate", new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, 1);
        using var anonymous = dash.Client();
        using var wrong = dash.Client(bearer: "not-the-token");
        using var right = dash.Client(bearer: Token);

        using var none = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Dashboard:Token", await none.Content.ReadAsStringAsync());
        using var bad = await wrong.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        using var badQuery = await anonymous.GetAsync(path + "?token=wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, badQuery.StatusCode);

        if (path == "/api/events")
            return; // a stream: the 401s are what this case checks; the event tests read it with the token
        using var good = await right.GetAsync(path);
        Assert.NotEqual(HttpStatusCode.Unauthorized, good.StatusCode);
    }

    [Fact]
    public async Task Query_token_sets_an_http_only_cookie_and_clears_the_address_bar()
    {
        await using var dash = await TestDashboard.StartAsync(Token);
        using var client = dash.Client();

        using var first = await client.GetAsync($"/?token={Token}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location!.OriginalString);
        string setCookie = first.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, setCookie);
        string cookie = setCookie.Split(';')[0];

        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        withCookie.Headers.Add("Cookie", cookie);
        using var state = await client.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);

        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        forged.Headers.Add("Cookie", cookie[..^3] + "AAA");
        using var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var api = await client.GetAsync($"/api/state?token={Token}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Open_binding_with_a_token_serves_only_with_it()
    {
        await using var dash = await TestDashboard.StartAsync(Token, urls: "http://0.0.0.0:0");
        Assert.Equal("0.0.0.0", dash.Server.Address.Host);
        using var anonymous = dash.Client();
        using var right = dash.Client(bearer: Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/state")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/api/state")).StatusCode);
    }

    [Fact]
    public async Task Endpoints_added_by_the_host_sit_behind_the_token()
    {
        await using var dash = await TestDashboard.StartAsync(Token,
            configure: app => app.MapGet("/metrics", () => Results.Text("mmf_frames_total 42\n")));
        using var anonymous = dash.Client();
        using var right = dash.Client(bearer: Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal("mmf_frames_total 42\n", await right.GetStringAsync("/metrics"));
    }
}
