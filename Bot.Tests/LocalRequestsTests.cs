using System.Net;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests;

public class LocalRequestsTests
{
    private static DefaultHttpContext Request(string? remote, string host, string? header = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        http.Request.Host = new HostString(host);
        if (header is not null) http.Request.Headers[header] = "203.0.113.7";
        return http;
    }

    [Theory]
    [InlineData("127.0.0.1", "localhost:5000")]
    [InlineData("127.0.0.1", "LocalHost")]
    [InlineData("127.0.0.1", "127.0.0.1:5000")]
    [InlineData("::1", "[::1]:5000")]
    [InlineData("::ffff:127.0.0.1", "localhost:5000")]
    public void ALoopbackCall_ToALocalName_IsFromThisMachine(string remote, string host) =>
        Assert.True(LocalRequests.IsFromThisMachine(Request(remote, host)));

    [Theory]
    [InlineData("203.0.113.7", "localhost:5000")]
    [InlineData("::ffff:203.0.113.7", "localhost:5000")]
    [InlineData("192.168.1.20", "127.0.0.1:5000")]
    [InlineData(null, "localhost:5000")]
    [InlineData("127.0.0.1", "bot.example.org")]
    [InlineData("127.0.0.1", "localhost.example.org")]
    [InlineData("::1", "[::2]:5000")]
    [InlineData("127.0.0.1", "")]
    public void AnotherAddress_AnUnknownOne_OrAPublicName_IsNot(string? remote, string host) =>
        Assert.False(LocalRequests.IsFromThisMachine(Request(remote, host)));

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Forwarded-Host")]
    [InlineData("X-Forwarded-Proto")]
    [InlineData("Forwarded")]
    [InlineData("x-forwarded-for")]
    [InlineData("X-Real-IP")]
    public void ALoopbackCall_ThroughAProxy_IsNot(string header) =>
        Assert.False(LocalRequests.IsFromThisMachine(Request("127.0.0.1", "localhost:5000", header)));
}
