using System.Net;
using Bot.Channels.WebChat;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Channels.WebChat;

public class WebChatHostingTests
{
    [Theory]
    [InlineData(null, "http://localhost:5000")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://*:5000;http://+:5001", "http://localhost:5000;http://localhost:5001")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    public void WithoutASecret_TheAppListensOnLoopbackOnly(string? configured, string expected) =>
        Assert.Equal(expected, string.Join(';', WebChatExtensions.LoopbackUrls(configured)));

    private static DirectLineAuth Auth(string? secret)
    {
        var options = Options.Create(new WebChatOptions { Secret = secret });
        var protection = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider();
        return new DirectLineAuth(options, new DirectLineTokens(protection, new FakeTimeProvider(), options));
    }

    [Fact]
    public void WithoutASecret_ACallFromAnotherMachine_IsRefused()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        http.Request.Host = new HostString("localhost:5000");
        var (caller, failure) = Auth(null).Authenticate(http);
        Assert.Null(caller);
        Assert.NotNull(failure);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void WithoutASecret_ACallFromThisMachine_IsLetIn(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        http.Request.Host = new HostString("localhost:5000");
        Assert.Equal(CallerKind.Local, Auth(null).Authenticate(http).Caller!.Kind);
    }

    [Fact]
    public void WithASecret_EvenThisMachineNeedsIt()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        Assert.Null(Auth(Support.DeploymentTests.Secret).Authenticate(http).Caller);
    }
}
