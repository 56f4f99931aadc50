using System.Globalization;
using System.Xml.Linq;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>
/// Data Protection's keys, once no identity cookie they protected can still be alive: expired for
/// longer than a cookie lives. Data Protection never deletes a key itself.
/// </summary>
internal sealed class IdentityKeysRetention(StoreDbContext db) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => new { k.Id, k.Xml }).ToListAsync(ct);
        var old = keys.Where(k => ExpiresAt(k.Xml) is { } expires && expires < now - WebChatIdentity.Lifetime).Select(k => k.Id).ToList();
        return old.Count == 0 ? 0 : await db.DataProtectionKeys.Where(k => old.Contains(k.Id)).ExecuteDeleteAsync(ct);
    }

    private static DateTimeOffset? ExpiresAt(string? xml)
    {
        try
        {
            return xml is not null && XElement.Parse(xml).Element("expirationDate")?.Value is { } value
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at : null;
        }
        catch (System.Xml.XmlException)
        {
            return null; // not a key as Data Protection writes them: left alone
        }
    }
}
