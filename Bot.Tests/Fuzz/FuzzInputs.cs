using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Tests.Fuzz;

/// <summary>Generated inputs, from a fixed seed (a failure replays): what people type, and what an attacker sends.</summary>
public sealed class FuzzInputs(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Pieces =
    [
        "", " ", "\t\n\r", "\u0000", "\u0001\u0002\u001b[31m", "\u007f", "\ufeff", "\u200b\u200d", "😀🎉👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈",
        "مرحبا بالعالم", "שלום", "\u202eédnaliam\u202c", "Ω≈ç√∫", "ｆｕｌｌｗｉｄｔｈ", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[lien](javascript:alert(1))", "**gras** _it_ `code`", "@everyone", "<@123456789012345678>",
        "'; DROP TABLE People; --", "Robert'); DELETE FROM Contributions;--", "\" OR 1=1 --", "%s%n%x", "{{7*7}}", "${jndi:ldap://x/a}", "../../etc/passwd",
        "/jai-partagé", "/jai-partagé hier", "/jai-partagé 31/02/2026", "/jai-partagé il y a 3000 ans", "/eleve", "/eleve ' OR 1=1", "/demandes", "/export",
        "/qr javascript:alert(1)", "/qr https://evil.example/badge", "/qr https://openbadgepassport.com/app/badge/info/1?x=<b>", "/suivi", "/bilan", "/compte",
        "aide", "annuler", "stop", "oui", "non", "mes données", "supprimer mes données", "vendredi dernier", "le 30 février", "3", "-1", "99999999999999999999",
        "NaN", "null", "undefined", "true", "[]", "{}", "\\", "\\u0000", "&amp;&lt;", "é", "ÉLÈVE", "ça", "œuvre",
    ];

    public string Text()
    {
        var roll = _random.Next(10);
        if (roll == 0) return new string(Pick("aé😀<'".ToCharArray()), _random.Next(1, 20_000));
        if (roll == 1) return RandomCodePoints(_random.Next(0, 200));
        var builder = new StringBuilder();
        for (var i = _random.Next(1, 4); i > 0; i--) builder.Append(Pick(Pieces)).Append(_random.Next(3) == 0 ? " " : "");
        return builder.ToString();
    }

    public string ChoiceId() => _random.Next(6) switch
    {
        0 => "start:review:approve:" + Guid.NewGuid().ToString("N"),
        1 => "start:review:refuse:not-a-guid",
        2 => "start:" + Text(),
        3 => "recap:" + Text(),
        4 => "mydata:confirm",
        _ => Text(),
    };

    /// <summary>Any JSON value, of any type.</summary>
    public JsonNode? AnyValue() => _random.Next(8) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next()),
        2 => JsonValue.Create(_random.NextDouble() * 1e300),
        3 => JsonValue.Create(_random.Next(2) == 0),
        4 => new JsonArray(JsonValue.Create(Text()), JsonValue.Create(1)),
        5 => new JsonObject { [Text()] = Text() },
        _ => JsonValue.Create(Text()),
    };

    /// <summary>Bodies that are not JSON, or not an object, or not UTF-8.</summary>
    public byte[] MalformedBody() => _random.Next(7) switch
    {
        0 => [],
        1 => Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":"),
        2 => Encoding.UTF8.GetBytes("null"),
        3 => Encoding.UTF8.GetBytes("[1,2,3]"),
        4 => [0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28],
        5 => Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"\\ud800\"}"),
        _ => Encoding.UTF8.GetBytes(new string('{', _random.Next(1, 5000))),
    };

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string RandomCodePoints(int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var cp = _random.Next(0, 0x30000);
            if (cp is >= 0xD800 and <= 0xDFFF) continue; // a lone surrogate cannot travel in valid UTF-8 JSON
            builder.Append(char.ConvertFromUtf32(cp));
        }
        return builder.ToString();
    }
}
