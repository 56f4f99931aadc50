namespace Bot.Dialogs.Linking;

/// <summary>
/// A one-time code that attaches another channel identity to a person: shown once in the chat,
/// kept only as its SHA-256, valid <see cref="LinkCodes.Validity"/>. A used code stays until it
/// expires, so that a second use is told it has served already; retention deletes it then.
/// </summary>
public sealed class LinkCode
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PersonId { get; init; }
    public required string CodeHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; set; }

    public const int HashLength = 64;
}

/// <summary>
/// The wrong codes a person typed in a row (within <see cref="LinkCodes.LockoutWindow"/> of each other), and the
/// lock they led to: guessing a code takes many tries, and each try costs the one who types.
/// </summary>
public sealed class LinkLockout
{
    public Guid PersonId { get; init; }
    public int Failures { get; set; }
    public DateTime LastFailureAt { get; set; }
    public DateTime? LockedUntil { get; set; }
}
