using Npgsql;
using NpgsqlTypes;
using static Bot.Bench.RegionalCalendar;

namespace Bot.Bench;

/// <summary>
/// Fills a migrated database with groups of pupils and two school years of their history, straight into the bot's
/// tables with PostgreSQL's binary COPY. Each group's data comes from its own seeded random numbers, so group k is
/// the same in the region's database and in the single group's.
/// </summary>
internal sealed class RegionalSeed
{
    private static readonly string[] FirstNames =
    [
        "Léa", "Tom", "Inès", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Jade", "Enzo", "Louise", "Théo", "Camille", "Noah", "Zoé",
        "Gabriel", "Emma", "Raphaël", "Lina", "Arthur", "Sarah", "Jules", "Anaïs", "Maël", "Clara", "Yanis", "Lou", "Sacha", "Alice", "Adam",
    ];
    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier",
        "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc",
        "Guérin", "Boyer", "Garnier",
    ];
    private static readonly string[] Domains = ["DigitalSkills", "CivicEngagement", "SoftSkills", "Other"];
    private static readonly string[] Badges = ["engagement-citoyen", "competences-numeriques"];
    private const string FridayReminder = "friday-reminder";

    private readonly List<object?[]> _groups = [], _people = [], _identities = [], _counsellors = [], _contributions = [], _requests = [],
        _assessments = [], _reminders = [], _runs = [], _conversations = [], _outbox = [], _chats = [], _activities = [],
        _dmChannels = [];

    public static string CounsellorId(int group) => $"conseillere-{group:D3}";

    /// <summary>How the counsellor finds a pupil with /eleve: their name, unique in their group.</summary>
    public static string PupilName(int group, int pupil) =>
        $"{FirstNames[pupil % FirstNames.Length]} {LastNames[(pupil / FirstNames.Length + group) % LastNames.Length]}";

    public static async Task<Dictionary<string, long>> SeedAsync(string connectionString, IEnumerable<int> groups, int pupils)
    {
        var seed = new RegionalSeed();
        foreach (var group in groups) seed.Group(group, pupils);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The group the migration made for an earlier version's data: a fresh database holds nothing in it.
        await using (var empty = new NpgsqlCommand("""DELETE FROM "Groups" WHERE "Id" = '7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01'""", connection))
            await empty.ExecuteNonQueryAsync();
        var counts = new Dictionary<string, long>();
        async Task Copy(string table, string columns, List<object?[]> rows) => counts[table] = await CopyAsync(connection, table, columns, rows);
        await Copy("Groups", "Id Slug Name JoinCode SessionDay SessionEndsAt CreatedAt", seed._groups);
        await Copy("People", "Id DisplayName IsCounsellor RemindersOff GroupId CreatedAt", seed._people);
        await Copy("ChannelIdentities", "Id PersonId Channel ExternalId LastUsedAt", seed._identities);
        await Copy("GroupCounsellors", "GroupId PersonId AddedAt", seed._counsellors);
        await Copy("Contributions", "Id PersonId GroupId SessionDate Shared Learned Domain Level CreatedAt UpdatedAt", seed._contributions);
        await Copy("BadgeRequests", "Id PersonId GroupId BadgeId Message Status CreatedAt DecidedAt DecidedBy RefusalReason IssueEmail IssueError",
            seed._requests);
        await Copy("TrimesterSelfAssessments", "Id PersonId GroupId Trimester KnowHow SoftSkills Digital Civic UpdatedAt", seed._assessments);
        await Copy("SentReminders", "Id Kind Period PersonId SentAt Delivered", seed._reminders);
        await Copy("GroupRuns", "GroupId Kind Period RanAt", seed._runs);
        await Copy("Conversations", "Channel ConversationId PersonId State Version UpdatedAt", seed._conversations);
        await Copy("Outbox", "NoticeId PersonId Channel Recipient Topic Replies Status Attempts CreatedAt NextAttemptAt DoneAt", seed._outbox);
        await Copy("DirectLineConversations", "Id UserId CreatedAt ActivityCount LastActivityAt", seed._chats);
        await Copy("DirectLineActivities", "ConversationId Sequence ActivityId Json CreatedAt Sensitive", seed._activities);
        // As autovacuum would after such a load: the planner needs the tables' statistics.
        await VacuumAsync(connectionString);
        return counts;
    }

    /// <summary>
    /// The region at the end of a Friday's sessions, for the reminder: <paramref name="groups"/> groups of
    /// <paramref name="pupils"/> pupils, each pupil on Discord with its DM channel known, a session logged the Friday
    /// before and nothing yet today, so every one of them is owed the reminder. Returns their Discord user ids.
    /// </summary>
    public static async Task<List<string>> SeedFridayAsync(string connectionString, int groups, int pupils, DateTimeOffset now)
    {
        var seed = new RegionalSeed();
        var ids = new List<string>();
        var lastFriday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-7);
        for (var g = 0; g < groups; g++)
        {
            var groupId = Guid.NewGuid();
            seed._groups.Add([groupId, $"college-{g:D3}", $"Collège {g:D3}", $"G{g:D5}", "Friday", new TimeOnly(17, 0), now.AddDays(-60)]);
            for (var p = 0; p < pupils; p++)
            {
                var id = Guid.NewGuid();
                var userId = $"{800000000000000000L + g * 1000L + p}";
                ids.Add(userId);
                seed._people.Add([id, PupilName(g, p), false, false, groupId, now.AddDays(-60)]);
                seed._identities.Add([Guid.NewGuid(), id, "discord", userId, now.AddDays(-7)]);
                seed._contributions.Add([Guid.NewGuid(), id, groupId, lastFriday, "Un atelier", "Plein de choses", "Other", 2,
                    now.AddDays(-7), now.AddDays(-7)]);
                seed._dmChannels.Add([userId, "dm-" + userId, false, now.AddDays(-7)]);
            }
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await CopyAsync(connection, "Groups", "Id Slug Name JoinCode SessionDay SessionEndsAt CreatedAt", seed._groups);
        await CopyAsync(connection, "People", "Id DisplayName IsCounsellor RemindersOff GroupId CreatedAt", seed._people);
        await CopyAsync(connection, "ChannelIdentities", "Id PersonId Channel ExternalId LastUsedAt", seed._identities);
        await CopyAsync(connection, "Contributions", "Id PersonId GroupId SessionDate Shared Learned Domain Level CreatedAt UpdatedAt",
            seed._contributions);
        await CopyAsync(connection, "DiscordDmChannel", "UserId ChannelId Blocked UpdatedAt", seed._dmChannels);
        await VacuumAsync(connectionString);
        return ids;
    }

    public static async Task VacuumAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private void Group(int g, int pupils)
    {
        var random = new Random(1000 + g);
        var groupId = Guid.NewGuid();
        var created = new DateTimeOffset(2025, 8, 25, 8, 0, 0, TimeSpan.Zero);
        _groups.Add([groupId, $"college-{g:D3}", $"Collège {g:D3}", $"G{g:D5}", "Friday", new TimeOnly(17, 0), created]);
        var counsellor = Guid.NewGuid();
        _people.Add([counsellor, $"Conseillère {g:D3}", true, false, groupId, created]);
        _identities.Add([Guid.NewGuid(), counsellor, "webchat", CounsellorId(g), Now.AddDays(-3)]);
        _counsellors.Add([groupId, counsellor, created]);
        var days = PastSessionDays().ToList();
        foreach (var (day, _) in days)
            _runs.Add([groupId, FridayReminder, Day(day), SessionEnd(day)]);
        for (var p = 0; p < pupils; p++) Pupil(random, g, groupId, p, days);
    }

    private void Pupil(Random random, int g, Guid groupId, int p, List<(DateOnly Day, int Trimester)> days)
    {
        var id = Guid.NewGuid();
        var onDiscord = random.Next(5) == 0;
        var (channel, externalId) = onDiscord ? ("discord", $"{800000000000000000L + g * 1000L + p}") : ("webchat", $"w-{g:D3}-{p:D3}");
        _people.Add([id, PupilName(g, p), false, random.Next(20) == 0, groupId, SessionEnd(days[0].Day).AddDays(-3)]);
        var attended = days.Where(_ => random.Next(100) < 85).Select(d => d.Day).ToList();
        if (random.Next(100) < 30) attended.Add(Today); // logged in the five minutes since the session
        foreach (var day in attended)
        {
            var at = SessionEnd(day).AddMinutes(random.Next(5, 240));
            _contributions.Add([Guid.NewGuid(), id, groupId, day, "Un atelier sur les réseaux sociaux", "Vérifier une source avant de partager",
                Domains[random.Next(Domains.Length)], random.Next(1, 5), at, at]);
        }
        var lastSpoke = SessionEnd(attended.Max()).AddMinutes(10);
        _identities.Add([Guid.NewGuid(), id, channel, externalId, lastSpoke]);
        _conversations.Add([channel, $"conv-{externalId}", id, "{}", 1, lastSpoke]);
        foreach (var day in days.Select(d => d.Day))
            _reminders.Add([Guid.NewGuid(), FridayReminder, Day(day), id, SessionEnd(day), true]);
        // The outbox keeps its delivered rows as long as the records of reminders (90 days): the last weeks' reminders.
        foreach (var day in days.Select(d => d.Day).Where(d => d > Today.AddDays(-90)))
            _outbox.Add([Guid.NewGuid(), id, channel, externalId, FridayReminder, "[]", "Delivered", 1, SessionEnd(day).UtcDateTime,
                SessionEnd(day).UtcDateTime, SessionEnd(day).UtcDateTime.AddSeconds(2)]);
        for (var t = 0; t < Trimesters.Length; t++) Trimester(random, g, groupId, id, channel, externalId, t, days);
        if (!onDiscord) Transcripts(externalId, attended);
    }

    /// <summary>
    /// The web chat's transcripts, kept 90 days: a conversation each session day, a session logged in it (seven turns,
    /// each answered). Older ones are left out: the daily retention has taken them already.
    /// </summary>
    private void Transcripts(string userId, List<DateOnly> attended)
    {
        foreach (var day in attended.Where(d => d > Today.AddDays(-90)))
        {
            var id = $"dl-{userId}-{Day(day)}";
            var start = SessionEnd(day).AddMinutes(1);
            const int activities = 14;
            _chats.Add([id, userId, start, activities, start.AddMinutes(activities)]);
            for (var n = 1; n <= activities; n++)
                _activities.Add([id, n, $"{id}|{n}", n % 2 == 1 ? """{"type":"message","from":{"role":"user"},"text":"Un atelier"}"""
                    : """{"type":"message","from":{"role":"bot"},"text":"C'est noté. Qu'as-tu appris ?"}""", start.AddMinutes(n), false]);
        }
    }

    private void Trimester(Random random, int g, Guid groupId, Guid id, string channel, string externalId, int t,
        List<(DateOnly Day, int Trimester)> days)
    {
        var current = t == Trimesters.Length - 1;
        var inTerm = days.Where(d => d.Trimester == t).Select(d => d.Day).ToList();
        var requests = random.Next(100) switch { < 50 => 0, < 85 => 1, _ => 2 };
        for (var r = 0; r < requests; r++)
        {
            var asked = SessionEnd(inTerm[random.Next(inTerm.Count)]).AddHours(2);
            var status = current && random.Next(100) < 60 ? "Pending" : random.Next(100) < 65 ? "Approved" : "Refused";
            var decided = status == "Pending" ? (DateTimeOffset?)null : asked.AddDays(3);
            var stuck = status == "Approved" && current && random.Next(100) < 5;
            _requests.Add([Guid.NewGuid(), id, groupId, Badges[random.Next(Badges.Length)], random.Next(3) == 0 ? "Je l'ai bien mérité !" : null,
                status, asked, decided, decided is null ? null : $"Conseillère {g:D3}", status == "Refused" ? "Encore quelques séances" : null,
                stuck ? $"eleve{g}.{t}@example.org" : null, stuck ? "la plateforme ne répond pas" : null]);
            if (decided is { } at && at > Now.AddDays(-90))
                _outbox.Add([Guid.NewGuid(), id, channel, externalId, "decision", "[]", random.Next(20) == 0 ? "Unreachable" : "Delivered", 1,
                    at.UtcDateTime, at.UtcDateTime, at.UtcDateTime.AddSeconds(2)]);
        }
        if (!current && random.Next(100) < 90)
            _assessments.Add([Guid.NewGuid(), id, groupId, Trimesters[t].Name, random.Next(1, 5), random.Next(1, 5), random.Next(1, 5),
                random.Next(1, 5), SessionEnd(Trimesters[t].Last.AddDays(-7))]);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> CopyAsync(NpgsqlConnection connection, string table, string columns, List<object?[]> rows)
    {
        var names = string.Join(", ", columns.Split(' ').Select(c => $"\"{c}\""));
        await using var import = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await import.StartRowAsync();
            foreach (var value in row) await WriteAsync(import, value);
        }
        return (long)await import.CompleteAsync();
    }

    // Typed explicitly where the CLR type alone does not say the column's type.
    private static Task WriteAsync(NpgsqlBinaryImporter import, object? value) => value switch
    {
        null => import.WriteNullAsync(),
        DateTimeOffset at => import.WriteAsync(at, NpgsqlDbType.TimestampTz),
        DateTime at => import.WriteAsync(DateTime.SpecifyKind(at, DateTimeKind.Utc), NpgsqlDbType.TimestampTz),
        DateOnly day => import.WriteAsync(day, NpgsqlDbType.Date),
        TimeOnly time => import.WriteAsync(time, NpgsqlDbType.Time),
        Guid id => import.WriteAsync(id, NpgsqlDbType.Uuid),
        string text => import.WriteAsync(text, NpgsqlDbType.Text),
        bool flag => import.WriteAsync(flag, NpgsqlDbType.Boolean),
        int number => import.WriteAsync(number, NpgsqlDbType.Integer),
        _ => throw new ArgumentException($"No column type for {value.GetType()}"),
    };
}
