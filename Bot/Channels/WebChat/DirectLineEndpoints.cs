using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Bot.Turns;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>The polling subset of Direct Line 3.0 that Microsoft's Web Chat and our own page use.</summary>
internal static partial class DirectLineEndpoints
{
    private const string NotTheOwner = "Ce message ne vient pas de l'utilisateur de cette conversation.";
    internal const string SessionEnded = "Votre session de conseillère a pris fin. Reconnectez-vous pour continuer.";

    public static void MapDirectLine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v3/directline").RequireCors(WebChatExtensions.CorsPolicy);
        api.MapPost("/tokens/generate", GenerateToken).RequireRateLimiting(RequestLimits.Starts);
        api.MapPost("/tokens/refresh", RefreshToken);
        api.MapPost("/conversations", StartConversation).RequireRateLimiting(RequestLimits.Starts);
        api.MapPost("/conversations/{conversationId}/activities", PostActivity).RequireRateLimiting(RequestLimits.Messages);
        api.MapGet("/conversations/{conversationId}/activities", GetActivities);
        // The page's own token service: it hands the page a token without ever showing it the secret.
        app.MapPost("/webchat/token", PageToken).RequireCors(WebChatExtensions.CorsPolicy).RequireRateLimiting(RequestLimits.Starts);
        app.MapPost("/webchat/invite", RedeemInvite).RequireRateLimiting(RequestLimits.Starts);
        app.MapPost("/webchat/forget", (HttpContext http) =>
        {
            if (!SameOrigin.Is(http)) return SameOrigin.Refused();
            WebChatIdentity.Forget(http);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> GenerateToken(HttpContext http, DirectLineAuth auth, DirectLineTokens tokens, DirectLineConversations conversations, CancellationToken ct)
    {
        var (caller, failure) = auth.Authenticate(http);
        if (caller is null) return failure!;
        if (caller.Kind == CallerKind.Token) return DirectLineErrors.Forbidden("Il faut le secret pour créer un jeton.");
        var (userId, error) = await ReadUserAsync(http, ct);
        if (error is not null) return error;
        var conversation = await conversations.StartAsync(null, userId, ct);
        return Started(conversation.Id, tokens.Issue(conversation.Id, userId), tokens, StatusCodes.Status200OK);
    }

    private static IResult RefreshToken(HttpContext http, DirectLineAuth auth, DirectLineTokens tokens)
    {
        var (caller, failure) = auth.Authenticate(http);
        if (caller is null) return failure!;
        if (caller.Token is not { } claims) return DirectLineErrors.BadArgument("Seul un jeton peut être renouvelé.");
        return Started(claims.ConversationId, tokens.Issue(claims.ConversationId, claims.UserId), tokens, StatusCodes.Status200OK);
    }

    private static async Task<IResult> StartConversation(HttpContext http, DirectLineAuth auth, DirectLineTokens tokens, DirectLineConversations conversations, CancellationToken ct)
    {
        var (caller, failure) = auth.Authenticate(http);
        if (caller is null) return failure!;
        if (caller.Token is { } claims)
        {
            // A token already names its conversation: starting it again is how a page reconnects.
            var existing = await conversations.StartAsync(claims.ConversationId, claims.UserId, ct);
            return Started(existing.Id, DirectLineAuth.Bearer(http)!, tokens, StatusCodes.Status201Created);
        }
        var (userId, error) = await ReadUserAsync(http, ct);
        if (error is not null) return error;
        var conversation = await conversations.StartAsync(null, userId, ct);
        return Started(conversation.Id, tokens.Issue(conversation.Id, userId), tokens, StatusCodes.Status201Created);
    }

    private static async Task<IResult> PostActivity(string conversationId, HttpContext http, DirectLineAuth auth, DirectLineConversations conversations,
        TurnRunner runner, IOptions<WebChatOptions> options, CounsellorSessions sessions, CancellationToken ct)
    {
        var (caller, failure) = auth.Authenticate(http);
        if (caller is null) return failure!;
        if (!caller.MayUse(conversationId)) return DirectLineErrors.Forbidden("Ce jeton ne correspond pas à cette conversation.");
        var conversation = await conversations.FindAsync(conversationId, ct);
        if (conversation is null) return DirectLineErrors.NotFound();

        JsonNode? body;
        PostedActivity? activity;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
            activity = ActivityMapper.Parse(body);
        }
        catch (JsonException) { return DirectLineErrors.BadArgument("Le message n'est pas du JSON valable."); }
        // Valid JSON that cannot become text (a lone surrogate such as "\ud800").
        catch (InvalidOperationException) { return DirectLineErrors.BadArgument("Le message contient des caractères illisibles."); }
        if (activity is null) return DirectLineErrors.BadArgument("Il manque le type de l'activité.");

        // Typing indicators, join events…: acknowledged, nothing to answer.
        if (activity.Type != "message") return Results.Json(new { id = $"{conversationId}|ignored" });
        if (activity.FromId is null || !ValidUserId(activity.FromId)) return DirectLineErrors.BadArgument("Il manque l'identifiant de l'utilisateur (from.id).");
        var boundUser = caller.Token?.UserId ?? conversation.UserId;
        if (boundUser is not null && boundUser != activity.FromId) return DirectLineErrors.Forbidden(NotTheOwner);
        if (activity.Text is null && activity.ChoiceId is null && activity.Form is null)
            return DirectLineErrors.BadArgument("Le message est vide.");

        // A conversation created without a user belongs to whoever speaks first in it, but never as a counsellor or the
        // town's administrator in a real deployment: that identity is bound by the server (as the page's token service refuses it).
        var administrators = http.RequestServices.GetRequiredService<IOptions<Dialogs.Programme.ProgrammeOptions>>().Value.Administrators;
        if (boundUser is null && options.Value.HasSecret && (options.Value.IsCounsellor(activity.FromId) || CounsellorSessions.IsCounsellorId(activity.FromId)
                || administrators.Contains($"webchat:{activity.FromId}")))
            return DirectLineErrors.Forbidden(
                "Pour la conseillère, la conversation doit être ouverte avec son identité (POST /v3/directline/tokens/generate).");
        // A signed-in counsellor's identity speaks only while the session is in force: after it, never as a pupil.
        if (options.Value.HasSecret && CounsellorSessions.IsCounsellorId(boundUser) && !await sessions.IsActiveAsync(boundUser!, ct))
            return DirectLineErrors.Forbidden(SessionEnded);
        // The role is the runner's decision, for the user this conversation is bound to: never the payload's.
        var steps = new DirectLineTurnSteps(conversationId, activity, bindUser: boundUser is null);
        var request = new TurnRequest(ActivityMapper.ToIncoming(activity, conversationId), DirectLineTurnSteps.KeyOf(conversationId, activity));
        var outcome = await runner.RunAsync(request, steps, ct);
        if (outcome.Refused) return DirectLineErrors.Forbidden(NotTheOwner);
        // Nothing was stored: the client sends it again (same clientActivityID), as after any failed post.
        if (outcome.Conflict) return DirectLineErrors.Conflict();
        return Results.Json(new JsonObject { ["id"] = outcome.Response });
    }

    private static async Task<IResult> GetActivities(string conversationId, string? watermark, HttpContext http, DirectLineAuth auth,
        DirectLineConversations conversations, IOptions<WebChatOptions> options, CounsellorSessions sessions, CancellationToken ct)
    {
        var (caller, failure) = auth.Authenticate(http);
        if (caller is null) return failure!;
        if (!caller.MayUse(conversationId)) return DirectLineErrors.Forbidden("Ce jeton ne correspond pas à cette conversation.");
        // A counsellor's transcript is read only while the session is in force (a page left open does not keep it going).
        if (options.Value.HasSecret && caller.Token?.UserId is { } reader && CounsellorSessions.IsCounsellorId(reader)
            && !await sessions.IsActiveAsync(reader, ct, use: false))
            return DirectLineErrors.Forbidden(SessionEnded);
        var after = 0;
        if (!string.IsNullOrEmpty(watermark) && (!int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
            return DirectLineErrors.BadArgument("Le watermark n'est pas valable.");
        if (await conversations.FindAsync(conversationId, ct) is null) return DirectLineErrors.NotFound();
        return Results.Content(await conversations.ActivitiesAfterAsync(conversationId, after, ct), "application/json");
    }

    private static async Task<IResult> PageToken(HttpContext http, DirectLineTokens tokens, DirectLineConversations conversations,
        IOptions<WebChatOptions> options, IOptions<CounsellorSignInOptions> signIn, WebChatIdentity identity, CancellationToken ct)
    {
        // In a real deployment (a secret set) who the browser is, is the server's: a counsellor's session if it has one
        // in force, else its identity cookie, whatever ?user= says. On this machine only, ?user= lets one person try several people in several tabs.
        var counsellor = options.Value.HasSecret ? await CounsellorSignIn.CurrentAsync(http) : null;
        var user = counsellor?.UserId ?? (options.Value.HasSecret ? identity.Resolve(http) : http.Request.Query["user"].ToString());
        if (user.Length == 0) user = "u-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        if (!ValidUserId(user)) return DirectLineErrors.BadArgument("Cet identifiant n'est pas valable : lettres, chiffres, - _ . : @ (64 au plus).");
        // Anyone can load the page: with a secret set (a real deployment), it must not hand out a counsellor's identity.
        if (options.Value.HasSecret && options.Value.IsCounsellor(user))
            return DirectLineErrors.Forbidden("Pour la conseillère, le jeton se demande avec le secret (POST /v3/directline/tokens/generate).");
        var conversation = await conversations.StartAsync(null, user, ct);
        return Results.Json(new JsonObject
        {
            ["conversationId"] = conversation.Id, ["token"] = tokens.Issue(conversation.Id, user), ["userId"] = user,
            ["expires_in"] = (int)tokens.Lifetime.TotalSeconds,
            // For the page's header: who is signed in, and whether the town's provider offers a sign-in.
            ["counsellor"] = counsellor?.Name, ["signIn"] = options.Value.HasSecret && signIn.Value.Oidc.IsConfigured,
        });
    }

    /// <summary>
    /// A counsellor's invitation, opened in a browser (the page posts the code from the link's
    /// fragment: it never reaches a log or a Referer): that browser's identity becomes a counsellor.
    /// </summary>
    private static async Task<IResult> RedeemInvite(HttpContext http, CounsellorInvites invites,
        IOptions<WebChatOptions> options, CancellationToken ct)
    {
        if (!SameOrigin.Is(http)) return SameOrigin.Refused();
        if (!options.Value.HasSecret)
            return DirectLineErrors.BadArgument(
                "Sans secret (essai sur cet ordinateur), la conseillère est « conseillere » : http://localhost:5000/?user=conseillere.");
        string? code;
        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
            code = body?["code"] is JsonValue v && v.TryGetValue<string>(out var c) ? c : null;
        }
        // Not JSON, or a string that is not text (a lone surrogate): no code.
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) { code = null; }
        if (code is not { Length: > 0 and <= 64 }) return DirectLineErrors.BadArgument("Ce lien d'invitation n'est pas complet : copiez-le en entier.");
        var (outcome, session) = await invites.RedeemAsync(code, ct);
        if (session is not null)
            await http.SignInAsync(CounsellorSignIn.CookieScheme, CounsellorSignIn.Principal(session), new AuthenticationProperties { IsPersistent = true });
        return outcome switch
        {
            InviteOutcome.Accepted => Results.Json(new JsonObject { ["name"] = session!.Name }),
            InviteOutcome.Used => DirectLineErrors.Forbidden("Cette invitation a déjà servi. Demandez-en une nouvelle à l'administrateur."),
            InviteOutcome.Expired => DirectLineErrors.Forbidden("Cette invitation a expiré (48 heures). Demandez-en une nouvelle à l'administrateur."),
            InviteOutcome.Revoked => DirectLineErrors.Forbidden("Cette invitation a été retirée."),
            _ => DirectLineErrors.NotFound("Cette invitation n'existe pas : vérifiez que le lien est complet."),
        };
    }

    /// <summary>Reads the optional {user: {id}} of a conversation or token request.</summary>
    private static async Task<(string? UserId, IResult? Error)> ReadUserAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentLength is 0 or null && !http.Request.Headers.TransferEncoding.Any()) return (null, null);
        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
            var id = body?["user"]?["id"];
            if (id is null) return (null, null);
            var user = id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : null;
            return user is not null && ValidUserId(user) ? (user, null) : (null, DirectLineErrors.BadArgument("user.id n'est pas valable."));
        }
        catch (JsonException) { return (null, DirectLineErrors.BadArgument("Le corps n'est pas du JSON valable.")); }
        catch (InvalidOperationException) { return (null, DirectLineErrors.BadArgument("user.id n'est pas valable.")); }
    }

    private static IResult Started(string conversationId, string token, DirectLineTokens tokens, int status) =>
        Results.Json(new JsonObject
        {
            ["conversationId"] = conversationId, ["token"] = token, ["expires_in"] = (int)tokens.Lifetime.TotalSeconds,
        }, statusCode: status);

    private static bool ValidUserId(string id) => UserId().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9_.:@\-]{1,64}$")]
    private static partial Regex UserId();
}
