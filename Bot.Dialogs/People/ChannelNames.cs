namespace Bot.Dialogs.People;

/// <summary>
/// What pupils call each channel. The ids are the hosts' (each channel folder of Bot names its own);
/// they are stored data, so a name can be given here without knowing the channel. A test ties them together.
/// </summary>
public static class ChannelNames
{
    public static string French(string channel) => channel switch
    {
        "webchat" => "le chat du site",
        "discord" => "Discord",
        "teams" => "Teams",
        _ => channel,
    };

    /// <summary>"le chat du site et Discord", "le chat du site, Discord et Teams".</summary>
    public static string List(IEnumerable<string> channels)
    {
        var names = channels.Select(French).Distinct().ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} et {names[^1]}";
    }
}
