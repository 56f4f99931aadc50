using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Tests.Support;

/// <summary>
/// A local stand-in for the town's OpenID Connect provider, on loopback, following OpenID Connect
/// Core and Discovery with PKCE (RFC 7636): the discovery document, its JWKS (one RSA key),
/// GET /authorize (code flow only, S256 challenge required; it "signs in" <see cref="NextAccount"/>
/// at once and redirects with a code), POST /token (the code once, with its verifier and the
/// client's secret) → an RS256 id token carrying the nonce. It can sign with a key it never published.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "p2p-bot-test-client";
    public const string ClientSecret = "test-only-client-secret";
    private const string KeyId = "test-key-1";
    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _unpublished = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    private sealed record Grant(Account Account, string? Nonce, string Challenge, string RedirectUri);

    /// <summary>Who is signed in at the provider when the bot sends a browser there.</summary>
    public sealed record Account(string Subject, string? ObjectId = null, string Name = "Claire Martin", string[]? Groups = null, string[]? Roles = null);

    public Account NextAccount { get; set; } = new("sub-claire", "oid-claire");

    /// <summary>The next id tokens are signed with a key absent from the JWKS (a forgery).</summary>
    public bool SignWithUnpublishedKey { get; set; }

    public int CodesExchanged;

    private FakeOidcProvider(WebApplication app) => _app = app;

    public string Issuer => LoopbackApp.Address(_app);

    public static async Task<FakeOidcProvider> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeOidcProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = fake.Issuer,
            ["authorization_endpoint"] = fake.Issuer + "/authorize",
            ["token_endpoint"] = fake.Issuer + "/token",
            ["jwks_uri"] = fake.Issuer + "/jwks",
            ["response_types_supported"] = new JsonArray("code"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        }));
        app.MapGet("/jwks", () =>
        {
            var key = fake._key.ExportParameters(false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(key.Modulus), ["e"] = Base64UrlEncoder.Encode(key.Exponent),
                }),
            });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
                || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["redirect_uri"]))
                return Results.BadRequest("invalid_request");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
            fake._codes[code] = new Grant(fake.NextAccount, q["nonce"], q["code_challenge"]!, q["redirect_uri"]!);
            var query = new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] };
            return Results.Redirect(QueryHelpers.AddQueryString(q["redirect_uri"]!, query));
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var (client, secret) = Client(request, form);
            if (client != ClientId || secret != ClientSecret) return Error("invalid_client", 401);
            if (form["grant_type"] != "authorization_code" || !fake._codes.TryRemove(form["code"].ToString(), out var grant))
                return Error("invalid_grant", 400);
            var verifier = form["code_verifier"].ToString();
            if (grant.RedirectUri != form["redirect_uri"] || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
                return Error("invalid_grant", 400);
            Interlocked.Increment(ref fake.CodesExchanged);
            return Results.Json(new JsonObject
            {
                ["access_token"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)), ["token_type"] = "Bearer", ["expires_in"] = 3600,
                ["id_token"] = fake.IdToken(grant),
            });
        });
        await app.StartAsync();
        return fake;
    }

    private string IdToken(Grant grant)
    {
        var claims = new Dictionary<string, object> { ["sub"] = grant.Account.Subject, ["name"] = grant.Account.Name };
        if (grant.Nonce is { } nonce) claims["nonce"] = nonce;
        if (grant.Account.ObjectId is { } oid) claims["oid"] = oid;
        if (grant.Account.Groups is { } groups) claims["groups"] = groups;
        if (grant.Account.Roles is { } roles) claims["roles"] = roles;
        // Id tokens are checked against the machine's clock by IdentityModel: they are issued by it too.
        var now = DateTime.UtcNow;
        var key = new RsaSecurityKey(SignWithUnpublishedKey ? _unpublished : _key) { KeyId = KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = ClientId, IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(10), Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static (string? Client, string? Secret) Client(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return (form["client_id"], form["client_secret"]);
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return (Uri.UnescapeDataString(pair[0]), pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : null);
    }

    private static IResult Error(string error, int status) => Results.Json(new JsonObject { ["error"] = error }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
        _unpublished.Dispose();
    }
}
