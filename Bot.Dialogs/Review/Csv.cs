using System.Text;

namespace Bot.Dialogs.Review;

/// <summary>CSV the way French spreadsheets open it: ';' separators, UTF-8 with a BOM, RFC 4180 quoting.</summary>
public static class Csv
{
    public const char Separator = ';';

    public static string Line(IEnumerable<string?> fields) => string.Join(Separator, fields.Select(Field));

    public static byte[] File(IEnumerable<string> lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    private static string Field(string? value)
    {
        value ??= "";
        // A cell starting with = + - @ would run as a formula in a spreadsheet: names come from pupils.
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([Separator, '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>Reads back what <see cref="File"/> wrote (used by tests and by anyone re-importing an export).</summary>
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == Separator) { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else if (c != '\uFEFF') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
