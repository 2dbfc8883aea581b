using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using MultimodalFusion.Dashboard.Http;
using MultimodalFusion.Dashboard.Tests.Support;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Dashboard.Tests.Http;

/// <summary>Clips and snapshots under ClipsRoot are served; nothing outside it is, however the path is spelled.</summary>
public sealed class ClipFilesTests : IDisposable
{
    private const string Secret = "outside-the-root-7731";
    private readonly string _dir = RepoPaths.NewTempDir("mmf-dash-clips");
    private readonly string _root;

    public ClipFilesTests()
    {
        _root = Path.Combine(_dir, "out");
        Directory.CreateDirectory(Path.Combine(_root, "clips", "gate"));
        File.WriteAllText(Path.Combine(_dir, "secret.txt"), Secret);
        Directory.CreateDirectory(Path.Combine(_dir, "out-evil"));
        File.WriteAllText(Path.Combine(_dir, "out-evil", "secret.txt"), Secret);
        File.Copy(RepoPaths.Media("messi5.jpg"), Path.Combine(_root, "clips", "gate", "evt_1.jpg"));
        File.Copy(RepoPaths.Media("megamind-gop25.mp4"), Path.Combine(_root, "clips", "gate", "evt_1.mp4"));
        File.CreateSymbolicLink(Path.Combine(_root, "clips", "gate", "link.txt"), Path.Combine(_dir, "secret.txt"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Snapshot_and_clip_are_served_with_types_and_ranges()
    {
        await using var dash = await TestDashboard.StartAsync(clipsRoot: _root);
        using var client = dash.Client();
        using var snapshot = await client.GetAsync("/clips/clips/gate/evt_1.jpg");
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(RepoPaths.Media("messi5.jpg")), await snapshot.Content.ReadAsByteArrayAsync());

        var range = new HttpRequestMessage(HttpMethod.Get, "/clips/clips/gate/evt_1.mp4");
        range.Headers.Range = new RangeHeaderValue(0, 99);
        using var clip = await client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, clip.StatusCode); // browsers seek in videos with ranges
        Assert.Equal("video/mp4", clip.Content.Headers.ContentType!.MediaType);
        Assert.Equal(100, (await clip.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/clips/clips/gate/missing.mp4")).StatusCode);
    }

    [Theory]
    [InlineData("/clips/..%2fsecret.txt")]
    [InlineData("/clips/%2e%2e%2fsecret.txt")]
    [InlineData("/clips/clips/..%2f..%2f..%2fsecret.txt")]
    [InlineData("/clips/..%5csecret.txt")]
    [InlineData("/clips/%2f" + "etc%2fpasswd")]
    [InlineData("/clips/..%2fout-evil%2fsecret.txt")]
    [InlineData("/clips/clips/gate/link.txt")]
    public async Task Traversal_through_http_is_refused(string path)
    {
        await using var dash = await TestDashboard.StartAsync(clipsRoot: _root);
        using var client = dash.Client();
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task Raw_dot_segments_on_the_wire_do_not_leave_the_root()
    {
        // HttpClient normalises "../" itself; send the request line as an attacker would.
        await using var dash = await TestDashboard.StartAsync(clipsRoot: _root);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, dash.Server.Address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /clips/../../secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string response = await reader.ReadToEndAsync(cts.Token);
        Assert.DoesNotContain(Secret, response);
        Assert.StartsWith("HTTP/1.1 4", response);
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("clips/../../secret.txt")]
    [InlineData("clips\\..\\..\\secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("../out-evil/secret.txt")]
    [InlineData("clips/gate/link.txt")]
    [InlineData("a\0b")]
    [InlineData("")]
    public void Resolver_refuses_paths_leaving_the_root(string relative)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_root)) + Path.DirectorySeparatorChar;
        Assert.False(ClipFiles.TryResolve(root, relative, out _));
    }

    [Fact]
    public void Resolver_accepts_nested_paths_inside_the_root()
    {
        string root = Path.GetFullPath(_root) + Path.DirectorySeparatorChar;
        Assert.True(ClipFiles.TryResolve(root, "clips/gate/evt_1.mp4", out string full));
        Assert.Equal(Path.Combine(_root, "clips", "gate", "evt_1.mp4"), full);
    }

    [Fact]
    public async Task Without_a_clips_root_nothing_is_served()
    {
        await using var dash = await TestDashboard.StartAsync();
        using var client = dash.Client();
        using var response = await client.GetAsync("/clips/clips/gate/evt_1.jpg");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Dashboard:ClipsRoot", await response.Content.ReadAsStringAsync());
    }
}
