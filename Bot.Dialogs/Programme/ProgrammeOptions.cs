using System.ComponentModel.DataAnnotations;
using Bot.Dialogs.Contributions;

namespace Bot.Dialogs.Programme;

/// <summary>Facts about the programme that an administrator may change (appsettings.json "Programme").</summary>
public sealed class ProgrammeOptions
{
    public const string Section = "Programme";

    /// <summary>Who a pupil can go and see, as a French phrase that follows "va voir" / "demande à".</summary>
    [Required, MinLength(3)]
    public string Contact { get; set; } = "l'Espace Info Jeunes – Espace Public Numérique de Vire Normandie";

    /// <summary>The name of the group a new instance starts with, and that an upgraded one puts everyone in.</summary>
    [Required, MaxLength(100)]
    public string FirstGroupName { get; set; } = "Peer to Peer";

    /// <summary>The chat page's public address, for the join links on posters (the host sets it from WebChat:PublicUrl).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>The town's administrators, as "&lt;channel&gt;:&lt;id&gt;": they see each group's numbers, never a pupil's words.</summary>
    public List<string> Administrators { get; set; } = [];

    /// <summary>Hosts whose badge links the bot turns into QR codes (a subdomain of one counts).</summary>
    [MinLength(1)]
    public string[] TrustedBadgeHosts { get; set; } = ["openbadgepassport.com", "openbadgefactory.com"];
}

/// <summary>The badges a pupil can ask for (appsettings.json "Badges").</summary>
public sealed class BadgeCatalog
{
    [MinLength(1)]
    public List<BadgeDefinition> Badges { get; set; } = [];

    public BadgeDefinition? Find(string id) => Badges.FirstOrDefault(b => b.Id == id);

    /// <summary>What a group's pupils may ask for: the town's badges and the group's own.</summary>
    public IEnumerable<BadgeDefinition> For(string? groupSlug) => Badges.Where(b => b.Group is null || b.Group == groupSlug);
}

public sealed class BadgeDefinition
{
    [Required, RegularExpression("^[a-z0-9-]{1,40}$")]
    public string Id { get; set; } = "";
    [Required, MaxLength(100)]
    public string Name { get; set; } = "";
    [Required]
    public string Description { get; set; } = "";
    [Required]
    public string Criteria { get; set; } = "";
    [Url]
    public string? ImageUrl { get; set; }
    /// <summary>Open Badge Factory's public application link for this badge.</summary>
    [Required, Url]
    public string ClaimUrl { get; set; } = "";
    /// <summary>The badge's id on Open Badge Factory: when set (and OBF is configured), approval issues it there.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string? ObfBadgeId { get; set; }
    /// <summary>The slug of the group this badge is for; null: one of the town's badges, open to every group.</summary>
    public string? Group { get; set; }
    /// <summary>What the bot checks of <see cref="Criteria"/> (optional): none, and only the prose is shown.</summary>
    public BadgeRequirements? Requirements { get; set; }
}

/// <summary>
/// A badge's criteria as data, checked over one trimester by <see cref="Badges.BadgeProgress"/>. Every field is
/// optional; the counsellor still decides, these only tell the pupil and her where the pupil stands.
/// </summary>
public sealed class BadgeRequirements : IValidatableObject
{
    /// <summary>Sessions logged in the trimester (only those in <see cref="Domains"/>, when given).</summary>
    [Range(1, 60)]
    public int? MinSessions { get; set; }
    /// <summary>The domains whose sessions count, for <see cref="MinSessions"/> and <see cref="MinLevel"/>; empty: all.</summary>
    public List<ContributionDomain> Domains { get; set; } = [];
    /// <summary>At least one counted session self-assessed at this level or above (1 to 4): the pupil has reached it once.</summary>
    [Range(1, 4)]
    public int? MinLevel { get; set; }
    /// <summary>The pupil's self-assessment of the trimester (/bilan) is done.</summary>
    public bool SelfAssessmentDone { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Domains.Any(d => !Enum.IsDefined(d))) yield return new("unknown domain", [nameof(Domains)]);
        if (Domains.Count > 0 && MinSessions is null && MinLevel is null) yield return new("domains without a count", [nameof(Domains)]);
    }
}
