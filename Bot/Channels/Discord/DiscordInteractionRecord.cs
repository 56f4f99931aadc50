using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.Discord;

/// <summary>An interaction already handled: Discord's id, so that the same interaction is never handled twice.</summary>
public sealed class DiscordInteractionRecord
{
    public required string Id { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    internal static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DiscordInteractionRecord>(e => e.Property(r => r.Id).HasMaxLength(32));
}
