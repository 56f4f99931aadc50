using System.Globalization;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Dialogs.Programme;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Groups;

/// <summary>
/// The administrator's groups: <c>group add "Collège Émile Maupas" [--slug s] [--zone B | --academie Normandie] [--day vendredi]
/// [--time 17:00]</c>, <c>group list</c> (with each group's numbers, never a pupil's words), <c>group rename &lt;slug&gt; "Nom"</c>,
/// <c>group archive &lt;slug&gt;</c>, <c>group code &lt;slug&gt; [--rotate]</c>, <c>group poster &lt;slug&gt; --out poster.png</c>.
/// </summary>
public static class GroupCommandLine
{
    public const string Usage = "Usage: group add \"Name\" [--slug s] [--zone A|B|C | --academie Name] [--day vendredi] [--time 17:00]"
        + " | group list | group rename <slug> \"Name\" | group archive <slug> | group code <slug> [--rotate] | group poster <slug> --out poster.png"
        + " | group counsellors <slug> | group remove-counsellor <slug> <name or id>";

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, TextWriter error)
    {
        await app.PrepareStoreAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var groups = services.GetRequiredService<GroupDirectory>();
        var publicUrl = services.GetRequiredService<IOptions<ProgrammeOptions>>().Value.PublicUrl;
        var ct = CancellationToken.None;
        switch (args)
        {
            case ["group", "add", var name, ..] when !name.StartsWith("--", StringComparison.Ordinal):
                return await AddAsync(services, groups, name.Trim(), args, publicUrl, output, error);
            case ["group", "list"]:
                await ListAsync(services, output, ct);
                return 0;
            case ["group", "rename", var slug, var name] when name.Trim().Length is > 0 and <= Group.MaxNameLength:
                return await ChangeAsync(services, groups, slug, error, g => g.Name = name.Trim(), $"{slug} is now called \"{name.Trim()}\".", output);
            case ["group", "archive", var slug]:
                return await ChangeAsync(services, groups, slug, error, g => g.ArchivedAt ??= services.GetRequiredService<TimeProvider>().GetUtcNow(),
                    $"{slug} is archived: it takes no new pupil and gets no reminder; its counsellors still see its history.", output);
            case ["group", "code", var slug, .. var rest] when rest is [] or ["--rotate"]:
                if (await groups.FindAsync(slug, ct) is not { } group) return Unknown(slug, error);
                if (rest is ["--rotate"]) await groups.RotateCodeAsync(group, ct);
                output.WriteLine($"{group.JoinCode}\t{JoinCodes.Link(publicUrl, group.JoinCode)}");
                if (rest is ["--rotate"]) output.WriteLine("The old code no longer works: print the poster again (group poster).");
                return 0;
            case ["group", "poster", var slug, "--out", var file]:
                if (await groups.FindAsync(slug, ct) is not { } shown) return Unknown(slug, error);
                await File.WriteAllBytesAsync(file, GroupPoster.Render(shown.Name, shown.JoinCode, JoinCodes.Link(publicUrl, shown.JoinCode)));
                output.WriteLine($"Poster of {shown.Name} written to {file} (A4, to print).");
                return 0;
            case ["group", "counsellors", var slug]:
                return await CounsellorsAsync(services, groups, slug, output, error, ct);
            case ["group", "remove-counsellor", var slug, var who]:
                return await RemoveCounsellorAsync(services, groups, slug, who, output, error, ct);
            default:
                error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> AddAsync(IServiceProvider services, GroupDirectory groups, string name, string[] args, string publicUrl,
        TextWriter output, TextWriter error)
    {
        if (name.Length is 0 or > Group.MaxNameLength) { error.WriteLine($"The name must have 1 to {Group.MaxNameLength} characters."); return 2; }
        var slug = Option(args, "--slug");
        if (slug is not null && (slug != GroupDirectory.SlugFor(slug) || slug.Length > Group.MaxSlugLength))
        {
            error.WriteLine("A slug is made of a-z, 0-9 and dashes, like college-emile-maupas.");
            return 2;
        }
        if (slug is not null && await groups.FindAsync(slug, CancellationToken.None) is not null) { error.WriteLine($"{slug} is taken."); return 2; }
        var zone = Option(args, "--zone")?.ToUpperInvariant() ?? Academies.ZoneOf(Option(args, "--academie"));
        if (zone is not (null or "A" or "B" or "C") || (Option(args, "--academie") is not null && zone is null))
        {
            error.WriteLine("The zone is A, B or C; or name a known académie (Normandie, Rennes, Paris…).");
            return 2;
        }
        DayOfWeek? day = Option(args, "--day") is { } dayText ? ReadDay(dayText) : null;
        if (Option(args, "--day") is not null && day is null) { error.WriteLine("The day is a weekday: lundi … vendredi (or Monday … Friday)."); return 2; }
        TimeOnly? time = null;
        if (Option(args, "--time") is { } timeText)
        {
            if (!TimeOnly.TryParseExact(timeText, ["H:mm", "HH:mm", "H'h'mm", "H'h'"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                error.WriteLine("The time is when the session ends, like 17:00.");
                return 2;
            }
            time = parsed;
        }
        var group = await groups.AddAsync(name, slug, CancellationToken.None);
        group.Zone = zone;
        if (day is { } d) group.SessionDay = d;
        if (time is { } t) group.SessionEndsAt = t;
        await services.GetRequiredService<StoreDbContext>().SaveChangesAsync();
        output.WriteLine($"Group \"{group.Name}\" added.");
        output.WriteLine($"slug\t{group.Slug}");
        output.WriteLine($"code\t{group.JoinCode}");
        output.WriteLine($"link\t{JoinCodes.Link(publicUrl, group.JoinCode)}");
        output.WriteLine($"Invite its counsellor: counsellor invite --name \"…\" --group {group.Slug}");
        return 0;
    }

    /// <summary>One line per group: its settings and its numbers for the current trimester; counts only, never a pupil's words.</summary>
    private static async Task ListAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var today = ParisTime.Today(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var all = await GroupNumbers.ForAllAsync(services.GetRequiredService<StoreDbContext>(), services.GetRequiredService<SchoolCalendar>(), today, ct);
        output.WriteLine("slug\tname\tcode\tzone\tsession\tstate\tpupils\tcounsellors\tsessions this trimester\tpending requests");
        foreach (var n in all)
        {
            var day = ParisTime.French.DateTimeFormat.GetDayName(n.Group.SessionDay);
            output.WriteLine(string.Join('\t', n.Group.Slug, n.Group.Name, n.Group.JoinCode, n.Zone, $"{day} {n.Group.SessionEndsAt:HH\\:mm}",
                n.Group.IsOpen ? "open" : "archived", n.Pupils, n.Counsellors, n.Sessions, n.Pending));
        }
    }

    /// <summary>The group's counsellors: name, channel identities, and what makes them its counsellor.</summary>
    private static async Task<int> CounsellorsAsync(IServiceProvider services, GroupDirectory groups, string slug, TextWriter output, TextWriter error,
        CancellationToken ct)
    {
        if (await groups.FindAsync(slug, ct) is not { } group) return Unknown(slug, error);
        var db = services.GetRequiredService<StoreDbContext>();
        var rows = await db.GroupCounsellors.Where(c => c.GroupId == group.Id)
            .Join(db.People, c => c.PersonId, p => p.Id,
                (c, p) => new { p.DisplayName, c.Source, Ids = p.Identities.Select(i => i.Channel + ":" + i.ExternalId).ToList() })
            .ToListAsync(ct);
        foreach (var row in rows) output.WriteLine($"{row.DisplayName ?? "?"}\t{string.Join(", ", row.Ids)}\t{row.Source}");
        return 0;
    }

    /// <summary>
    /// Takes a counsellor out of a group (by name or "channel:id"). One that configuration or a sign-in still names comes back
    /// at their next turn: the command says so, to be removed there too.
    /// </summary>
    private static async Task<int> RemoveCounsellorAsync(IServiceProvider services, GroupDirectory groups, string slug, string who, TextWriter output,
        TextWriter error, CancellationToken ct)
    {
        if (await groups.FindAsync(slug, ct) is not { } group) return Unknown(slug, error);
        var db = services.GetRequiredService<StoreDbContext>();
        var rows = await db.GroupCounsellors.Where(c => c.GroupId == group.Id && db.People.Any(p => p.Id == c.PersonId
                && (p.DisplayName == who || p.Identities.Any(i => i.Channel + ":" + i.ExternalId == who))))
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            error.WriteLine($"No counsellor \"{who}\" in {slug}: see group counsellors {slug}.");
            return 1;
        }
        db.GroupCounsellors.RemoveRange(rows);
        await db.SaveChangesAsync(ct);
        output.WriteLine($"{rows.Count} counsellor(s) \"{who}\" removed from {slug}.");
        if (rows.Any(r => r.Source is CounsellorSource.Configuration or CounsellorSource.SignIn))
            output.WriteLine("Still named by configuration (Groups:…:Counsellors) or a sign-in in force: remove it there too, or it comes back.");
        return 0;
    }

    private static async Task<int> ChangeAsync(IServiceProvider services, GroupDirectory groups, string slug, TextWriter error, Action<Group> change,
        string done, TextWriter output)
    {
        if (await groups.FindAsync(slug, CancellationToken.None) is not { } group) return Unknown(slug, error);
        change(group);
        await services.GetRequiredService<StoreDbContext>().SaveChangesAsync();
        output.WriteLine(done);
        return 0;
    }

    private static int Unknown(string slug, TextWriter error)
    {
        error.WriteLine($"No group {slug}: see group list.");
        return 1;
    }

    internal static DayOfWeek? ReadDay(string text)
    {
        var folded = Dialogs.Understanding.TextNormalizer.Fold(text);
        foreach (var day in Enum.GetValues<DayOfWeek>())
            if (folded == Dialogs.Understanding.TextNormalizer.Fold(ParisTime.French.DateTimeFormat.GetDayName(day))
                || folded == day.ToString().ToLowerInvariant())
                return day;
        return null;
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
