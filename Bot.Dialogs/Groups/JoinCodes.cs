using Bot.Dialogs.Linking;

namespace Bot.Dialogs.Groups;

/// <summary>A group's join code: six characters of the linking codes' alphabet (no 0/O, 1/I/L), and the join link.</summary>
public static class JoinCodes
{
    public static string NewCode() => LinkCodes.NewCode();

    /// <summary>"k7p 2qx", "K7P-2QX" → "K7P2QX"; null when it cannot be a code.</summary>
    public static string? Read(string typed) => LinkCodes.Read(typed);

    /// <summary>The link a poster's QR code opens: the chat page, which joins the group.</summary>
    public static Uri Link(string publicUrl, string code) => new($"{publicUrl.TrimEnd('/')}/?groupe={code}");

    /// <summary>"K7P2QX" → "K7P 2QX": easier to copy from a wall.</summary>
    public static string Spaced(string code) => code.Length == 6 ? $"{code[..3]} {code[3..]}" : code;
}
