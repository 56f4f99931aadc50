using Bot.Dialogs.Programme;
using Bot.Dialogs.Store;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Groups;

/// <summary>The groups in the store: made, found by code or slug, renamed, archived; and the start-up sync with configuration.</summary>
public sealed class GroupDirectory(BotDbContext db, IOptions<GroupsOptions> configured, IOptions<ProgrammeOptions> programme, TimeProvider clock)
{
    /// <summary>
    /// The group the migration that brought groups made, holding everything an earlier version stored: a database
    /// made before groups existed (or a new one) starts with it. Its name and join code are given at the first start.
    /// </summary>
    public static readonly Guid FirstGroupId = new("7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01");

    public const string FirstGroupSlug = "peer-to-peer";

    public Task<Group?> FindAsync(string slug, CancellationToken ct) => db.Groups.FirstOrDefaultAsync(g => g.Slug == slug, ct);

    public Task<Group?> FindByCodeAsync(string code, CancellationToken ct) => db.Groups.FirstOrDefaultAsync(g => g.JoinCode == code, ct);

    public Task<List<Group>> ListAsync(CancellationToken ct) => db.Groups.OrderBy(g => g.Name).ToListAsync(ct);

    public Task<List<Group>> OpenAsync(CancellationToken ct) => db.Groups.Where(g => g.ArchivedAt == null).ToListAsync(ct);

    /// <summary>A new group, with a slug made from its name (or the one given) and a fresh join code; saved.</summary>
    public async Task<Group> AddAsync(string name, string? slug, CancellationToken ct)
    {
        slug ??= await FreeSlugAsync(SlugFor(name), ct);
        var group = new Group { Slug = slug, Name = name.Trim(), JoinCode = await FreeCodeAsync(ct), CreatedAt = clock.GetUtcNow() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);
        await ForgetOnlyGroupCounsellorsAsync(ct);
        return group;
    }

    /// <summary>A new join code: the old one stops working at once (posters must be printed again).</summary>
    public async Task<string> RotateCodeAsync(Group group, CancellationToken ct)
    {
        group.JoinCode = await FreeCodeAsync(ct);
        await db.SaveChangesAsync(ct);
        return group.JoinCode;
    }

    /// <summary>
    /// At start, after the migrations: the first group gets its configured name and a join code the first time;
    /// the groups in configuration are made when missing, and take their configured settings.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        if (await db.Groups.FirstOrDefaultAsync(g => g.Id == FirstGroupId && g.JoinCode == "", ct) is { } first)
        {
            first.Name = programme.Value.FirstGroupName;
            first.JoinCode = await FreeCodeAsync(ct);
        }
        foreach (var settings in configured.Value.Groups)
        {
            var group = await FindAsync(settings.Slug, ct);
            if (group is null)
            {
                group = new Group { Slug = settings.Slug, Name = settings.Name, JoinCode = await FreeCodeAsync(ct), CreatedAt = clock.GetUtcNow() };
                db.Groups.Add(group);
            }
            group.Name = settings.Name;
            group.Zone = settings.Zone ?? Academies.ZoneOf(settings.Academie) ?? group.Zone;
            group.SessionDay = settings.SessionDay ?? group.SessionDay;
            group.SessionEndsAt = settings.SessionEndsAt ?? group.SessionEndsAt;
            group.Contact = settings.Contact ?? group.Contact;
        }
        await db.SaveChangesAsync(ct);
        await ForgetOnlyGroupCounsellorsAsync(ct);
    }

    /// <summary>The group configuration maps one of these places to ("discord:guild:…"), or null.</summary>
    public string? SlugForPlace(IEnumerable<string> places)
    {
        foreach (var place in places)
            if (configured.Value.Groups.FirstOrDefault(g => g.Places.Contains(place)) is { } found) return found.Slug;
        return null;
    }

    /// <summary>The slugs of the groups configuration names this channel identity (or one of its roles, "discord:role:…") a counsellor of.</summary>
    public IEnumerable<string> ConfiguredCounsellorOf(string channel, string userId, IReadOnlyList<string>? roles)
    {
        var names = (roles ?? []).Select(r => $"{channel}:role:{r}").Append($"{channel}:{userId}").ToHashSet();
        return configured.Value.Groups.Where(g => g.Counsellors.Any(names.Contains)).Select(g => g.Slug);
    }

    /// <summary>Once a town has more than one group, nobody is a counsellor of a group only because it was the only one.</summary>
    private async Task ForgetOnlyGroupCounsellorsAsync(CancellationToken ct)
    {
        if (await db.Groups.CountAsync(ct) > 1)
            await db.GroupCounsellors.Where(c => c.Source == CounsellorSource.OnlyGroup).ExecuteDeleteAsync(ct);
    }

    /// <summary>"Collège Émile Maupas" → "college-emile-maupas".</summary>
    public static string SlugFor(string name)
    {
        var chars = TextNormalizer.Fold(name).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > Group.MaxSlugLength - 3 ? slug[..(Group.MaxSlugLength - 3)].TrimEnd('-') : slug;
        return slug.Length == 0 ? "groupe" : slug;
    }

    private async Task<string> FreeSlugAsync(string slug, CancellationToken ct)
    {
        var taken = await db.Groups.Where(g => g.Slug == slug || g.Slug.StartsWith(slug + "-")).Select(g => g.Slug).ToListAsync(ct);
        if (!taken.Contains(slug)) return slug;
        var n = 2;
        while (taken.Contains($"{slug}-{n}")) n++;
        return $"{slug}-{n}";
    }

    private async Task<string> FreeCodeAsync(CancellationToken ct)
    {
        // 31^6 codes for a few hundred groups: a clash is rare, and the unique index catches a race.
        while (true)
        {
            var code = JoinCodes.NewCode();
            if (!await db.Groups.AnyAsync(g => g.JoinCode == code, ct) && !db.Groups.Local.Any(g => g.JoinCode == code)) return code;
        }
    }
}
