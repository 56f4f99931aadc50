using Bot.Dialogs.Calendar;

namespace Bot.Tests.Support;

/// <summary>The 2026–2027 year as the tests know it (the same as the shipped appsettings.json).</summary>
public static class TestCalendar
{
    public static readonly SchoolPeriod[] Trimesters =
    [
        new() { Name = "1er trimestre 2026-2027", First = new(2026, 9, 1), Last = new(2026, 12, 18) },
        new() { Name = "2e trimestre 2026-2027", First = new(2027, 1, 4), Last = new(2027, 4, 16) },
        new() { Name = "3e trimestre 2026-2027", First = new(2027, 5, 3), Last = new(2027, 7, 2) },
    ];

    public static readonly SchoolPeriod[] Holidays =
    [
        new() { Name = "Vacances de la Toussaint", First = new(2026, 10, 17), Last = new(2026, 11, 1) },
        new() { Name = "Vacances de Noël", First = new(2026, 12, 19), Last = new(2027, 1, 3) },
        new() { Name = "Vacances d'hiver (zone B)", First = new(2027, 2, 20), Last = new(2027, 3, 7) },
        new() { Name = "Vacances de printemps (zone B)", First = new(2027, 4, 17), Last = new(2027, 5, 2) },
    ];

    /// <summary>Zone C, for the tests of a second group: its spring holidays, and a second trimester that ends before them.</summary>
    public static readonly ZonePeriods ZoneC = new()
    {
        Trimesters =
        [
            Trimesters[0],
            new() { Name = "2e trimestre 2026-2027", First = new(2027, 1, 4), Last = new(2027, 4, 2) },
            new() { Name = "3e trimestre 2026-2027", First = new(2027, 4, 19), Last = new(2027, 7, 2) },
        ],
        Holidays =
        [
            Holidays[0], Holidays[1],
            new() { Name = "Vacances d'hiver (zone C)", First = new(2027, 2, 6), Last = new(2027, 2, 21) },
            new() { Name = "Vacances de printemps (zone C)", First = new(2027, 4, 3), Last = new(2027, 4, 18) },
        ],
    };
}
