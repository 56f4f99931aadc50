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

    public string Span => $"du {ParisTime.LongDate(First)} au {ParisTime.LongDate(Last)}";
}

/// <summary>The school year as the administrator configures it (appsettings.json "SchoolCalendar").</summary>
public sealed class SchoolCalendarOptions
{
    public const string Section = "SchoolCalendar";
    public List<SchoolPeriod> Trimesters { get; set; } = [];
    public List<SchoolPeriod> Holidays { get; set; } = [];
}

/// <summary>Pure calendar arithmetic over the configured periods.</summary>
public sealed class SchoolCalendar(Microsoft.Extensions.Options.IOptions<SchoolCalendarOptions> options)
{
    private IReadOnlyList<SchoolPeriod> Trimesters => options.Value.Trimesters;

    /// <summary>The trimester a day belongs to, or null (summer, or outside the configured years).</summary>
    public SchoolPeriod? TrimesterOf(DateOnly day) => Trimesters.FirstOrDefault(t => t.Contains(day));

    /// <summary>
    /// The trimester a counsellor is reviewing on <paramref name="today"/>: the one under way, else
    /// the last one that ended (the days between two trimesters belong to the review of the first).
    /// </summary>
    public SchoolPeriod? Current(DateOnly today) =>
        TrimesterOf(today) ?? Trimesters.Where(t => t.Last < today).OrderBy(t => t.Last).LastOrDefault();

    public SchoolPeriod? HolidayOf(DateOnly day) => options.Value.Holidays.FirstOrDefault(h => h.Contains(day));

    public bool IsHoliday(DateOnly day) => HolidayOf(day) is not null;
}
