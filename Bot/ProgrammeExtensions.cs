using Bot.Dialogs.Calendar;
using Bot.Dialogs.Programme;

namespace Bot;

internal static class ProgrammeExtensions
{
    /// <summary>The programme's facts and badge catalogue from configuration, checked at start.</summary>
    public static void AddProgramme(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProgrammeOptions>().BindConfiguration(ProgrammeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BadgeCatalog>()
            .Configure<IConfiguration>((catalog, configuration) => configuration.GetSection("Badges").Bind(catalog.Badges))
            .Validate(c => c.Badges.Count > 0, "Badges: the catalogue is empty.")
            .Validate(c => c.Badges.All(Valid), "Badges: each badge needs an id (a-z, 0-9, -), a name, a description, criteria and an https claim link.")
            .Validate(c => c.Badges.Select(b => b.Id).Distinct().Count() == c.Badges.Count, "Badges: two badges have the same id.")
            .ValidateOnStart();
        builder.Services.AddOptions<SchoolCalendarOptions>().BindConfiguration(SchoolCalendarOptions.Section)
            .Validate(c => c.Trimesters.All(t => t.Name.Length > 0 && t.First <= t.Last) && c.Holidays.All(h => h.First <= h.Last),
                "SchoolCalendar: every period needs a name and a first day on or before its last day.")
            .ValidateOnStart();
    }

    private static bool Valid(BadgeDefinition badge) =>
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(badge, new(badge), null, validateAllProperties: true)
        && badge.ClaimUrl.StartsWith("https://", StringComparison.Ordinal);
}
