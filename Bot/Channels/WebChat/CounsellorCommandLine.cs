using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>
/// <c>counsellor invite --name "Claire" [--url https://…]</c>, <c>counsellor list</c>,
/// <c>counsellor revoke "Claire"</c>: the web chat's counsellors, managed by the administrator.
/// </summary>
public static class CounsellorCommandLine
{
    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, TextWriter error)
    {
        await app.PrepareStoreAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var invites = scope.ServiceProvider.GetRequiredService<CounsellorInvites>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<WebChatOptions>>().Value;
        switch (args)
        {
            case ["counsellor", "invite", ..] when Option(args, "--name") is { Length: > 0 and <= 100 } name:
                if (!options.HasSecret)
                    error.WriteLine("Note: without WebChat:Secret the chat is for this machine only, where the counsellor is 'conseillere'; "
                        + "the link works once a secret is set.");
                var groups = Options(args, "--group");
                var directory = scope.ServiceProvider.GetRequiredService<Dialogs.Groups.GroupDirectory>();
                foreach (var slug in groups)
                    if (await directory.FindAsync(slug, CancellationToken.None) is null)
                    {
                        error.WriteLine($"No group {slug}: see group list.");
                        return 1;
                    }
                var code = await invites.CreateAsync(name, CancellationToken.None, groups);
                var site = (Option(args, "--url") ?? options.PublicUrl ?? "http://localhost:5000").TrimEnd('/');
                if (groups.Count > 0) output.WriteLine($"Counsellor of: {string.Join(", ", groups)}");
                output.WriteLine($"Invitation for {name}, valid {CounsellorInvites.Validity.TotalHours:0} hours, usable once:");
                output.WriteLine($"{site}/invitation.html#{code}");
                return 0;
            case ["counsellor", "list"]:
                var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
                var sessions = scope.ServiceProvider.GetRequiredService<CounsellorSessions>();
                foreach (var invite in await invites.ListAsync(CancellationToken.None))
                {
                    var state = State(invite, now);
                    // An invitation opens one session: once it ended (signed out, idle), the browser is no counsellor's.
                    if (state == "signed in" && !await sessions.IsActiveAsync(CounsellorSessions.UserIdFor(invite.Id), CancellationToken.None, use: false))
                        state = "signed out";
                    output.WriteLine($"{invite.Name}\t{state}\tinvited {invite.CreatedAt:yyyy-MM-dd HH:mm} UTC");
                }
                return 0;
            case ["counsellor", "revoke", var name]:
                var revoked = await invites.RevokeAsync(name, CancellationToken.None);
                output.WriteLine(revoked == 0
                    ? $"No invitation in force for {name}."
                    : $"{revoked} invitation(s) of {name} revoked: that browser is no longer a counsellor.");
                return revoked == 0 ? 1 : 0;
            default:
                error.WriteLine("Usage: counsellor invite --name \"Claire\" [--group <slug>]… [--url https://…]");
                error.WriteLine("       | counsellor list | counsellor revoke \"Claire\"");
                return 2;
        }
    }

    private static string State(CounsellorInvite invite, DateTimeOffset now) =>
        invite.RevokedAt is not null ? "revoked" : invite.UsedAt is not null ? "signed in" : invite.ExpiresAt < now ? "expired" : "waiting";

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>Every value of an option given several times (<c>--group a --group b</c>).</summary>
    private static List<string> Options(string[] args, string name) =>
        [.. args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Length).Select(x => args[x.i + 1]).Distinct()];
}
