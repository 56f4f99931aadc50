using Bot.Dialogs.Calendar;
using Bot.Dialogs.Programme;
using Microsoft.Extensions.Options;

namespace Bot;

internal static class ProgrammeExtensions
{
    /// <summary>The programme's facts and badge catalogue from configuration, checked at start.</summary>
    public static void AddProgramme(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProgrammeOptions>().BindConfiguration(ProgrammeOptions.Section)
            // The join links on posters open the chat page: its public address, when the web chat has one.
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (configuration["Programme:PublicUrl"] is null && configuration["WebChat:PublicUrl"] is { Length: > 0 } site) o.PublicUrl = site;
            })
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Dialogs.Groups.GroupsOptions>()
            .Configure<IConfiguration>((o, configuration) => configuration.GetSection(Dialogs.Groups.GroupsOptions.Section).Bind(o.Groups))
            .Validate(o => o.Groups.All(g => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(g, new(g), null, true)),
                "Groups: each group needs a slug (a-z, 0-9, -), a name, and a zone A, B or C if one is given.")
            .Validate(o => o.Groups.Select(g => g.Slug).Distinct().Count() == o.Groups.Count, "Groups: two groups have the same slug.")
            .Validate(o => o.Groups.All(g => g.Academie is null || Dialogs.Groups.Academies.ZoneOf(g.Academie) is not null),
                "Groups: an académie is not known (Normandie, Rennes, Paris…); give the zone (A, B or C) instead.")
            .ValidateOnStart();
        builder.Services.AddOptions<BadgeCatalog>()
            .Configure<IConfiguration>((catalog, configuration) => configuration.GetSection("Badges").Bind(catalog.Badges))
            .Validate(c => c.Badges.Count > 0, "Badges: the catalogue is empty.")
            .Validate(c => c.Badges.All(Valid), "Badges: each badge needs an id (a-z, 0-9, -), a name, a description, criteria and an https claim link.")
            .Validate(c => c.Badges.Select(b => b.Id).Distinct().Count() == c.Badges.Count, "Badges: two badges have the same id.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BadgeCatalog>, BadgeRequirementsValidation>();
        builder.Services.AddOptions<SchoolCalendarOptions>().BindConfiguration(SchoolCalendarOptions.Section)
            .Validate(c => c.Trimesters.Concat(c.Zones.Values.SelectMany(z => z.Trimesters)).All(t => t.Name.Length > 0 && t.First <= t.Last)
                    && c.Holidays.Concat(c.Zones.Values.SelectMany(z => z.Holidays)).All(h => h.First <= h.Last),
                "SchoolCalendar: every period needs a name and a first day on or before its last day.")
            .Validate(c => c.DefaultZone is "A" or "B" or "C" && c.Zones.Keys.All(z => z is "A" or "B" or "C"), "SchoolCalendar: the zones are A, B and C.")
            .ValidateOnStart();
    }

    /// <summary>Each badge's requirements, named when wrong; a domain the binder could not read (it drops it silently) counts as wrong.</summary>
    private sealed class BadgeRequirementsValidation(IConfiguration configuration) : IValidateOptions<BadgeCatalog>
    {
        public ValidateOptionsResult Validate(string? name, BadgeCatalog options)
        {
            var wrong = options.Badges.Select((badge, i) => (badge, i)).Where(b => b.badge.Requirements is { } r && (
                    !System.ComponentModel.DataAnnotations.Validator.TryValidateObject(r, new(r), null, validateAllProperties: true)
                    || configuration.GetSection($"Badges:{b.i}:Requirements:Domains").GetChildren().Count() != r.Domains.Count))
                .Select(b => b.badge.Id).ToList();
            return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong.Select(id =>
                $"Badges: the requirements of « {id} » are not valid: MinSessions from 1 to 60, MinLevel from 1 to 4, " +
                $"Domains among {string.Join(", ", Enum.GetNames<Dialogs.Contributions.ContributionDomain>())} (and then MinSessions or MinLevel)."));
        }
    }

    private static bool Valid(BadgeDefinition badge) =>
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(badge, new(badge), null, validateAllProperties: true)
        && badge.ClaimUrl.StartsWith("https://", StringComparison.Ordinal);
}
