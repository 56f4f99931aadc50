using Bot.Dialogs.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Support;

public static class Clocks
{
    public static readonly DateOnly Friday = new(2026, 11, 27);
    public static readonly DateOnly Sunday = new(2026, 11, 29);
    public static readonly DateOnly Monday = new(2026, 11, 30);

    /// <summary>A fake clock at the given Paris wall-clock time.</summary>
    public static FakeTimeProvider At(DateOnly day, int hour = 10)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new FakeTimeProvider(new DateTimeOffset(local, ParisTime.Zone.GetUtcOffset(local)).ToUniversalTime());
    }
}
