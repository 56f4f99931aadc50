namespace Bot.Dialogs.Groups;

/// <summary>
/// A Peer to Peer group: one school or commune, with its counsellors, its calendar zone, its session day
/// and its join code. Pupils belong to one group at a time; what they logged stays with the group it was logged in.
/// </summary>
public sealed class Group
{
    public const int MaxSlugLength = 40;
    public const int MaxNameLength = 100;

    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>Short, stable, for the command line and configuration: "college-emile-maupas".</summary>
    public required string Slug { get; init; }
    public required string Name { get; set; }
    /// <summary>What a pupil types or scans to join (<see cref="JoinCodes"/>); kept readable, since it is printed on a poster.</summary>
    public required string JoinCode { get; set; }
    /// <summary>The school holiday zone ("A", "B", "C"); null: the calendar's default zone.</summary>
    public string? Zone { get; set; }
    public DayOfWeek SessionDay { get; set; } = DayOfWeek.Friday;
    /// <summary>When the session ends, Europe/Paris: the pupils' reminder goes then.</summary>
    public TimeOnly SessionEndsAt { get; set; } = new(17, 0);
    /// <summary>Who its pupils can go and see, after "va voir"; null: the programme's contact.</summary>
    public string? Contact { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>An archived group takes no new pupil and gets no reminder; its history stays for its counsellors.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    public bool IsOpen => ArchivedAt is null;
}

/// <summary>Why someone is a counsellor of a group: what gave it decides what takes it away.</summary>
public enum CounsellorSource
{
    /// <summary>They were a counsellor when groups came (the migration): until removed by the administrator.</summary>
    Upgrade,
    /// <summary>Their sign-in names the group (an invitation's <c>--group</c>, the provider's claims): as long as it does.</summary>
    SignIn,
    /// <summary>Configuration lists them (<c>Groups:…:Counsellors</c>, an id or a role): as long as it does.</summary>
    Configuration,
    /// <summary>The town has one group only: until it has more.</summary>
    OnlyGroup,
}

/// <summary>A counsellor of a group (a counsellor may have several).</summary>
public sealed class GroupCounsellor
{
    public Guid GroupId { get; init; }
    public Guid PersonId { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public CounsellorSource Source { get; init; }
}

/// <summary>A group's scheduled work done for one period (its Friday reminder planned for a day): planned once, whatever the instances.</summary>
public sealed class GroupRun
{
    public Guid GroupId { get; init; }
    public required string Kind { get; init; }
    public required string Period { get; init; }
    public DateTimeOffset RanAt { get; init; }
}
