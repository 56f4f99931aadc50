using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Bot.Channels.WebChat;

/// <summary>
/// The counsellor's sign-in on the web chat, with ASP.NET Core's own handlers: a cookie naming the
/// server-side session (sliding, ended on the server), and when the town has one, its OpenID Connect
/// provider (code flow with PKCE) deciding who is a counsellor.
/// </summary>
internal static partial class CounsellorSignIn
{
    public const string CookieScheme = "Counsellor";
    public const string ProviderScheme = "oidc";
    public const string Cookie = "p2p-counsellor";
    private const string SessionClaim = "sid";

    public static void AddCounsellorSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CounsellorSignInOptions>().BindConfiguration(CounsellorSignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CounsellorSessions>();
        builder.Services.AddScoped<Bot.Store.IRetentionRule, CounsellorSessionsRetention>();
        var settings = builder.Configuration.GetSection(CounsellorSignInOptions.Section).Get<CounsellorSignInOptions>() ?? new();

        // No default scheme: only the endpoints that need the counsellor's cookie read it.
        var authentication = builder.Services.AddAuthentication().AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = Cookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(settings.InactivityHours);
            cookie.SlidingExpiration = true;
            // An API: no login page to redirect to.
            cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            // The cookie is only a pointer: the session must still be in force on the server.
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<CounsellorSessions>();
                if (SessionId(context.Principal) is { } id && await sessions.UseAsync(id, context.HttpContext.RequestAborted) is not null) return;
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieScheme);
            };
        });
        if (settings.Oidc.IsConfigured) authentication.AddOpenIdConnect(ProviderScheme, oidc => ConfigureProvider(oidc, settings.Oidc));
    }

    private static void ConfigureProvider(OpenIdConnectOptions oidc, OidcProviderOptions provider)
    {
        oidc.Authority = provider.Authority;
        oidc.ClientId = provider.ClientId;
        oidc.ClientSecret = provider.ClientSecret;
        oidc.RequireHttpsMetadata = provider.RequireHttpsMetadata;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        // The code comes back in the query of a top-level redirect: the correlation cookies can stay SameSite=Lax.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.CallbackPath = "/signin-oidc";
        oidc.SignInScheme = CookieScheme;
        // Nothing of the provider's is kept: the session is ours.
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.MapInboundClaims = false;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("profile");
        oidc.Events.OnTokenValidated = async context =>
        {
            var account = context.Principal!;
            if (!IsListed(account, provider))
            {
                context.HandleResponse();
                context.Response.Redirect("/?connexion=refusee");
                return;
            }
            var subject = account.FindFirstValue("sub")!;
            var issuer = account.FindFirstValue("iss") ?? provider.Authority!;
            var name = account.FindFirstValue("name") ?? account.FindFirstValue("preferred_username") ?? "Conseillère";
            var sessions = context.HttpContext.RequestServices.GetRequiredService<CounsellorSessions>();
            var groups = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Dialogs.Groups.GroupsOptions>>();
            var session = await sessions.StartAsync(CounsellorSessions.UserIdFor(issuer, subject), name, CounsellorSessions.ByProvider, null,
                context.HttpContext.RequestAborted, string.Join(',', GroupsOf(account, groups.Value)));
            context.Principal = Principal(session);
            context.Properties!.IsPersistent = true;
        };
        // A refused sign-in, a bad signature, a replayed answer: back to the chat with a French message, never a 500.
        oidc.Events.OnRemoteFailure = context =>
        {
            LogFailure(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CounsellorSignIn)),
                context.Failure?.GetType().Name ?? "none");
            context.HandleResponse();
            context.Response.Redirect("/?connexion=echec");
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// The groups whose <c>Counsellors</c> name this account as <c>oidc:&lt;value&gt;</c>, the value one of its object id, subject,
    /// groups or roles: "oidc:Conseillers-Maupas" makes every holder of that group or role a counsellor of that group.
    /// </summary>
    internal static IEnumerable<string> GroupsOf(ClaimsPrincipal account, Dialogs.Groups.GroupsOptions groups)
    {
        var values = account.Claims.Where(c => c.Type is "oid" or "sub" or "groups" or "roles").Select(c => "oidc:" + c.Value).ToHashSet();
        return groups.Groups.Where(g => g.Counsellors.Any(values.Contains)).Select(g => g.Slug);
    }

    /// <summary>Whether the provider's account is a counsellor: its object id or subject listed, or a listed group or role.</summary>
    internal static bool IsListed(ClaimsPrincipal account, OidcProviderOptions provider)
    {
        bool Has(string type, string[] listed) => account.FindAll(type).Any(c => listed.Contains(c.Value, StringComparer.Ordinal));
        return Has("oid", provider.Subjects) || Has("sub", provider.Subjects) || Has("groups", provider.Groups) || Has("roles", provider.Roles);
    }

    /// <summary>What the cookie carries: the session's id, nothing else.</summary>
    public static ClaimsPrincipal Principal(CounsellorSession session) =>
        new(new ClaimsIdentity([new Claim(SessionClaim, session.Id.ToString())], CookieScheme));

    /// <summary>This browser's counsellor session, if it has one in force.</summary>
    public static async Task<CounsellorSession?> CurrentAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CookieScheme);
        if (!result.Succeeded || SessionId(result.Principal) is not { } id) return null;
        return await http.RequestServices.GetRequiredService<CounsellorSessions>().UseAsync(id, http.RequestAborted);
    }

    public static void MapCounsellorSignIn(this IEndpointRouteBuilder app)
    {
        // Counsellors sign in only in a real deployment (a secret set): on this machine alone the counsellor is "conseillere".
        app.MapGet("/webchat/signin", async (HttpContext http, IOptions<CounsellorSignInOptions> options, IOptions<WebChatOptions> webChat) =>
        {
            if (!options.Value.Oidc.IsConfigured || !webChat.Value.HasSecret) return DirectLineErrors.NotFound();
            try
            {
                await http.ChallengeAsync(ProviderScheme, new AuthenticationProperties { RedirectUri = "/?connexion=ok" });
                return Results.Empty;
            }
            catch (InvalidOperationException ex)
            {
                // The provider's discovery document could not be read (unreachable, misconfigured): back to the chat, with a word.
                LogFailure(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CounsellorSignIn)), ex.GetType().Name);
                return Results.Redirect("/?connexion=echec");
            }
        });
        app.MapPost("/webchat/signout", async (HttpContext http) =>
        {
            if (!SameOrigin.Is(http)) return SameOrigin.Refused();
            var result = await http.AuthenticateAsync(CookieScheme);
            if (SessionId(result.Principal) is { } id) await http.RequestServices.GetRequiredService<CounsellorSessions>().EndAsync(id, http.RequestAborted);
            await http.SignOutAsync(CookieScheme);
            return Results.NoContent();
        });
    }

    private static Guid? SessionId(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaim), out var id) ? id : null;

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A counsellor sign-in with the OpenID Connect provider failed ({Failure})")]
    private static partial void LogFailure(ILogger logger, string failure);
}
