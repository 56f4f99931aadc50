using System.Security.Cryptography;
using System.Text;

namespace Bot.Dialogs.Linking;

/// <summary>The codes themselves: how they are made, read back from what a pupil typed, and hashed.</summary>
public static class LinkCodes
{
    public const int Length = 6;

    /// <summary>Letters and digits nobody confuses when copying from one screen to another: no 0/O, 1/I/L.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes in a row (each within the window of the last) that lock linking for the one who typed them.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long a lock lasts, and how long a wrong code counts towards one.</summary>
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>About 30 bits from the system's cryptographic generator.</summary>
    public static string NewCode() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>"k7p 3xm", "K7P-3XM" → "K7P3XM"; null when it cannot be one of ours (length, a character we never use).</summary>
    public static string? Read(string typed)
    {
        Span<char> code = stackalloc char[Length];
        var n = 0;
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '.') continue;
            var upper = char.ToUpperInvariant(c);
            if (n == Length || !Alphabet.Contains(upper)) return null;
            code[n++] = upper;
        }
        return n == Length ? new string(code) : null;
    }

    /// <summary>
    /// Counts a wrong code against who typed it (link codes and groups' join codes share the budget): the tries left, or
    /// when the lock this one set ends. Saved with the turn.
    /// </summary>
    public static (int TriesLeft, DateTime? LockedUntil) CountWrongCode(Store.BotDbContext db, Guid personId, LinkLockout? lockout, DateTime now)
    {
        if (lockout is null) db.LinkLockouts.Add(lockout = new LinkLockout { PersonId = personId });
        if (now - lockout.LastFailureAt > Lockout) lockout.Failures = 0;
        lockout.Failures++;
        lockout.LastFailureAt = now;
        if (lockout.Failures < MaxFailures) return (MaxFailures - lockout.Failures, null);
        lockout.Failures = 0;
        lockout.LockedUntil = now + Lockout;
        return (0, lockout.LockedUntil);
    }

    /// <summary>What is stored: the code's SHA-256, in hex.</summary>
    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
