using System.Net;

namespace Bot;

/// <summary>
/// "This machine only", what an endpoint without a secret accepts: a loopback connection, a local Host,
/// and no forwarded headers (a reverse proxy on this machine connects over loopback on behalf of anyone).
/// </summary>
internal static class LocalRequests
{
    private static readonly string[] ForwardedHeaders =
        ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP"];
    private static readonly string[] LocalHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static bool IsFromThisMachine(HttpContext http)
    {
        // No address known (not a socket we can see): fail closed.
        if (http.Connection.RemoteIpAddress is not { } remote) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        if (!IPAddress.IsLoopback(remote)) return false;
        var headers = http.Request.Headers;
        if (ForwardedHeaders.Any(headers.ContainsKey)) return false;
        var host = http.Request.Host.Host;
        return LocalHosts.Any(local => string.Equals(host, local, StringComparison.OrdinalIgnoreCase));
    }
}
