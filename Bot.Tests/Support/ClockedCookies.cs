using Microsoft.Net.Http.Headers;

namespace Bot.Tests.Support;

/// <summary>
/// A browser's cookie jar that tells time by the test's clock, as a browser does by its own: a
/// cookie's Expires or Max-Age counts from the app's (fake) now, not the machine's. Cookies are kept
/// by name for the one site under test; SameSite and Path need no checks there.
/// </summary>
public sealed class ClockedCookies(TimeProvider clock) : DelegatingHandler
{
    private readonly Dictionary<string, (string Value, DateTimeOffset? Expires)> _jar = [];

    public IReadOnlyCollection<string> Names
    {
        get { lock (_jar) return [.. _jar.Where(c => Alive(c.Value.Expires)).Select(c => c.Key)]; }
    }

    /// <summary>The jar as it is now: an attacker's copy of the cookies, to send again later (<see cref="Restore"/>).</summary>
    public IReadOnlyDictionary<string, string> Copy()
    {
        lock (_jar) return _jar.ToDictionary(c => c.Key, c => c.Value.Value);
    }

    public void Restore(IReadOnlyDictionary<string, string> copy)
    {
        lock (_jar)
            foreach (var (name, value) in copy) _jar[name] = (value, null);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        lock (_jar)
        {
            var sent = _jar.Where(c => Alive(c.Value.Expires)).Select(c => $"{c.Key}={c.Value.Value}").ToList();
            if (sent.Count > 0) request.Headers.Add("Cookie", string.Join("; ", sent));
        }
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var headers) && SetCookieHeaderValue.TryParseList([.. headers], out var cookies))
            lock (_jar)
                foreach (var cookie in cookies)
                {
                    var expires = cookie.MaxAge is { } age ? clock.GetUtcNow() + age : cookie.Expires;
                    if (cookie.Value.Length == 0 || expires is { } at && at <= clock.GetUtcNow()) _jar.Remove(cookie.Name.ToString());
                    else _jar[cookie.Name.ToString()] = (cookie.Value.ToString(), expires);
                }
        return response;
    }

    private bool Alive(DateTimeOffset? expires) => expires is null || expires > clock.GetUtcNow();
}
