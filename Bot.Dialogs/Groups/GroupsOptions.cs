using System.ComponentModel.DataAnnotations;

namespace Bot.Dialogs.Groups;

/// <summary>
/// The groups an administrator declares in configuration (appsettings "Groups", a list): created on start when
/// missing, their settings applied on every start. Groups can also be made with the command line (<c>group add</c>).
/// </summary>
public sealed class GroupsOptions
{
    public const string Section = "Groups";

    public List<GroupSettings> Groups { get; set; } = [];
}

public sealed class GroupSettings
{
    [Required, RegularExpression("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    public string Slug { get; set; } = "";

    [Required, MaxLength(Group.MaxNameLength)]
    public string Name { get; set; } = "";

    /// <summary>"A", "B" or "C"; or leave it out and name the académie.</summary>
    [RegularExpression("^[ABC]$")]
    public string? Zone { get; set; }

    /// <summary>"Normandie", "Rennes"…: gives the zone when <see cref="Zone"/> is not set.</summary>
    public string? Academie { get; set; }

    public DayOfWeek? SessionDay { get; set; }
    public TimeOnly? SessionEndsAt { get; set; }

    [MinLength(3)]
    public string? Contact { get; set; }

    /// <summary>
    /// Where its pupils meet the bot, so that they join without a code: "discord:guild:&lt;id&gt;",
    /// "discord:channel:&lt;id&gt;", "teams:team:&lt;id&gt;".
    /// </summary>
    public List<string> Places { get; set; } = [];

    /// <summary>Its counsellors, as "&lt;channel&gt;:&lt;id&gt;" ("discord:80351110224678912", "teams:&lt;Entra object id&gt;").</summary>
    public List<string> Counsellors { get; set; } = [];
}
