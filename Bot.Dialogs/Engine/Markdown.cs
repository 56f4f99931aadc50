using System.Text;

namespace Bot.Dialogs.Engine;

/// <summary>
/// What a pupil wrote (or chose as a name), made safe to put in the counsellor's Markdown: every
/// Markdown mark escaped (no planted link or button-looking text), control and bidirectional
/// formatting characters removed (no text that reads backwards), line breaks kept as spaces.
/// </summary>
public static class Markdown
{
    private const string Marks = "\\`*_{}[]()<>#+-.!|~";

    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var plain = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\t') { plain.Append(' '); continue; }
            if (char.IsControl(c) || IsBidiControl(c)) continue;
            if (Marks.Contains(c)) plain.Append('\\');
            plain.Append(c);
        }
        return plain.ToString();
    }

    // LRM, RLM, ALM, the embeddings and overrides (U+202A–U+202E), the isolates (U+2066–U+2069).
    private static bool IsBidiControl(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
