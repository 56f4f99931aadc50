using System.Text.Json;

namespace Bot.Channels.Shared;

/// <summary>How every channel writes JSON: accents and emoji as they are, not escaped (the services read UTF-8).</summary>
internal static class ChannelJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
