namespace Bot.Bench;

/// <summary>
/// The two school years the regional data covers: 2025-2026 whole, 2026-2027 up to the bench's Friday. The
/// 2026-2027 dates are appsettings.json's; 2025-2026 (not in the bot's calendar any more) is zone B's, near enough.
/// </summary>
internal static class RegionalCalendar
{
    /// <summary>The bench's "now": Friday 27 November 2026, 17:05 Paris, five minutes after every group's session.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 16, 5, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static readonly (string Name, DateOnly First, DateOnly Last)[] Trimesters =
    [
        ("1er trimestre 2025-2026", new(2025, 9, 1), new(2025, 12, 19)),
        ("2e trimestre 2025-2026", new(2026, 1, 5), new(2026, 4, 10)),
        ("3e trimestre 2025-2026", new(2026, 4, 27), new(2026, 7, 3)),
        ("1er trimestre 2026-2027", new(2026, 9, 1), new(2026, 12, 18)),
    ];

    private static readonly (DateOnly First, DateOnly Last)[] Holidays =
    [
        (new(2025, 10, 18), new(2025, 11, 2)), (new(2026, 2, 14), new(2026, 3, 1)),
        (new(2026, 10, 17), new(2026, 11, 1)),
    ];

    /// <summary>The Fridays with a session, before today, trimester by trimester (index into <see cref="Trimesters"/>).</summary>
    public static IEnumerable<(DateOnly Day, int Trimester)> PastSessionDays()
    {
        for (var t = 0; t < Trimesters.Length; t++)
        {
            var (_, first, last) = Trimesters[t];
            var day = first.AddDays(((int)DayOfWeek.Friday - (int)first.DayOfWeek + 7) % 7);
            for (; day <= last && day < Today; day = day.AddDays(7))
                if (!Holidays.Any(h => day >= h.First && day <= h.Last)) yield return (day, t);
        }
    }

    /// <summary>17:00 Paris on a session day, as stored (UTC); winter and summer time told apart roughly, as it does not matter here.</summary>
    public static DateTimeOffset SessionEnd(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(day.Month is >= 4 and <= 10 ? 15 : 16, 0)), TimeSpan.Zero);
}
