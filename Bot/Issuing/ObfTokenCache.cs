namespace Bot.Issuing;

/// <summary>The OAuth2 access token, shared by every request of this instance until shortly before it expires.</summary>
internal sealed class ObfTokenCache(TimeProvider clock)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public async Task<string> GetAsync(Func<CancellationToken, Task<(string Token, int ExpiresIn)>> fetch, string? rejected, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            // A token the API just refused is dropped, unless another request already replaced it.
            if (_token is not null && _token != rejected && clock.GetUtcNow() < _expires - Margin) return _token;
            var (token, expiresIn) = await fetch(ct);
            (_token, _expires) = (token, clock.GetUtcNow().AddSeconds(expiresIn));
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }
}
