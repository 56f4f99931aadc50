using Bot.Dialogs.People;

namespace Bot.Dialogs.MyData;

/// <summary>
/// A channel that keeps data of its own about people (the web chat's transcripts, …) erases it
/// when a person asks for erasure. Runs inside the same turn, before the confirmation is sent.
/// </summary>
public interface IChannelDataEraser
{
    Task EraseAsync(IReadOnlyList<ChannelIdentity> identities, string currentConversationId, CancellationToken ct);
}
