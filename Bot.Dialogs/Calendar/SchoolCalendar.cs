using System.ComponentModel.DataAnnotations;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Calendar;

/// <summary>A trimester or a school holiday: a name and its first and last day (Europe/Paris dates, both included).</summary>
public sealed class SchoolPeriod
{
    [Required] public string Name { get; set; } = "";
    public DateOnly First { get; set; }
    public DateOnly Last { get; set; }

    public bool Contains(DateOnly day) => First <= day && day <= Last;

    [System.Text.Json.Serialization.JsonIgnore] public string Span => $"du {ParisTime.LongDate(First)} au {ParisTime.LongDate(Last)}";
}

/// <summary>
/// The school year as the administrator configures it (appsettings.json "SchoolCalendar"): the trimesters and
/// holidays of <see cref="DefaultZone"/>, and for each other zone its own holidays (and trimesters, when they differ).
/// </summary>
public sealed class SchoolCalendarOptions
{
    public const string Section = "SchoolCalendar";
    /// <summary>The zone the top-level periods are for (Normandie is in zone B).</summary>
    [RegularExpression("^[ABC]$")]
    public string DefaultZone { get; set; } = "B";
    public List<SchoolPeriod> Trimesters { get; set; } = [];
    public List<SchoolPeriod> Holidays { get; set; } = [];
    public Dictionary<string, ZonePeriods> Zones { get; set; } = [];
}

/// <summary>A zone's own periods; an empty list means "as the default zone".</summary>
public sealed class ZonePeriods
{
    public List<SchoolPeriod> Trimesters { get; set; } = [];
    public List<SchoolPeriod> Holidays { get; set; } = [];
}

/// <summary>Pure calendar arithmetic over the configured periods of one zone.</summary>
public sealed class SchoolCalendar
{
    private readonly IReadOnlyList<SchoolPeriod> _trimesters;
    private readonly IReadOnlyList<SchoolPeriod> _holidays;
    private readonly Dictionary<string, SchoolCalendar> _zones = [];

    public SchoolCalendar(Microsoft.Extensions.Options.IOptions<SchoolCalendarOptions> options)
    {
        var o = options.Value;
        (_trimesters, _holidays, Zone) = (o.Trimesters, o.Holidays, o.DefaultZone);
        foreach (var (zone, periods) in o.Zones)
            if (zone != o.DefaultZone)
                _zones[zone] = new SchoolCalendar(zone, periods.Trimesters.Count > 0 ? periods.Trimesters : o.Trimesters,
                    periods.Holidays.Count > 0 ? periods.Holidays : o.Holidays);
    }

    private SchoolCalendar(string zone, IReadOnlyList<SchoolPeriod> trimesters, IReadOnlyList<SchoolPeriod> holidays) =>
        (Zone, _trimesters, _holidays) = (zone, trimesters, holidays);

    public string Zone { get; }

    /// <summary>The calendar of a zone ("A", "B", "C"); the default zone's for null or a zone not configured.</summary>
    public SchoolCalendar For(string? zone) => zone is not null && _zones.TryGetValue(zone, out var other) ? other : this;

    /// <summary>The trimester a day belongs to, or null (summer, or outside the configured years).</summary>
    public SchoolPeriod? TrimesterOf(DateOnly day) => _trimesters.FirstOrDefault(t => t.Contains(day));

    /// <summary>
    /// The trimester a counsellor is reviewing on <paramref name="today"/>: the one under way, else
    /// the last one that ended (the days between two trimesters belong to the review of the first).
    /// </summary>
    public SchoolPeriod? Current(DateOnly today) =>
        TrimesterOf(today) ?? _trimesters.Where(t => t.Last < today).OrderBy(t => t.Last).LastOrDefault();

    /// <summary>The zone's holidays, as configured.</summary>
    public IReadOnlyList<SchoolPeriod> Holidays => _holidays;

    public SchoolPeriod? HolidayOf(DateOnly day) => _holidays.FirstOrDefault(h => h.Contains(day));

    public bool IsHoliday(DateOnly day) => HolidayOf(day) is not null;
}
