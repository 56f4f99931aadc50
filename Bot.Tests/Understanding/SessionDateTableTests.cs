using System.Globalization;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Understanding;
using Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Understanding;

/// <summary>
/// The table of answers pupils type (SessionDates.tsv, written by hand), each read on six days: one test per answer.
/// The group meets on Fridays, with zone B's holidays of <see cref="TestCalendar"/>.
/// </summary>
public class SessionDateTableTests
{
    private static readonly DateOnly[] Todays =
        [new(2026, 11, 27), new(2026, 11, 30), new(2026, 12, 23), new(2027, 1, 1), new(2027, 1, 3), new(2027, 1, 4)];

    private static readonly SessionDateReader Reader = new();

    internal static SchoolCalendar ZoneB(params SchoolPeriod[] more) => new(Options.Create(new SchoolCalendarOptions
    {
        Trimesters = [.. TestCalendar.Trimesters], Holidays = [.. TestCalendar.Holidays, .. more],
    }));

    private static readonly SessionSchedule Fridays = new(DayOfWeek.Friday, ZoneB());

    /// <summary>Each row: the text, then the six expectations joined with tabs (strings, so that each row is its own test).</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Understanding", "SessionDates.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cut = line.IndexOf('\t');
            data.Add(line[..cut], line[(cut + 1)..]);
        }
        return data;
    }

    [Fact]
    public void TheTable_HasAtLeast150DistinctAnswers_EachWithAnExpectationForEveryDay()
    {
        var rows = Cases().Select(row => ((string)row[0], (string)row[1])).ToList();
        Assert.True(rows.Count >= 150, $"{rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r.Item1).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(Todays.Length, r.Item2.Split('\t').Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnswerIsRead(string text, string expected)
    {
        var expectations = expected.Split('\t');
        var wrong = new List<string>();
        for (var i = 0; i < Todays.Length; i++)
        {
            var actual = Show(Reader.Read(text, Todays[i], Fridays));
            if (actual != expectations[i]) wrong.Add($"on {Todays[i]:ddd yyyy-MM-dd}: expected {expectations[i]}, read {actual}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The table's notation: a date found, &gt;date in the future, &lt;date too old, vague, no.</summary>
    internal static string Show(DateAnswer answer) => answer switch
    {
        DateAnswer.Found(var d) => Iso(d),
        DateAnswer.InFuture(var d) => ">" + Iso(d),
        DateAnswer.TooOld(var d) => "<" + Iso(d),
        DateAnswer.Vague => "vague",
        _ => "no",
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
