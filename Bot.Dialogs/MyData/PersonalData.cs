using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.People;
using Bot.Dialogs.Programme;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.MyData;

/// <summary>Everything the bot keeps about one person.</summary>
public sealed record PersonalRecord(
    string? Name, DateTimeOffset Since, IReadOnlyList<ChannelIdentity> Identities, IReadOnlyList<Contribution> Sessions,
    IReadOnlyList<(BadgeRequest Request, string BadgeName)> Requests, int? GuideStep, IReadOnlyList<SelfAssessment.TrimesterSelfAssessment> SelfAssessments)
{
    /// <summary>The name of the group the person is in, when they are in one.</summary>
    public string? Group { get; init; }
}

/// <summary>Shows, exports and erases what the bot keeps about a person.</summary>
public sealed class PersonalData(IEnumerable<IChannelDataEraser> channelErasers, IOptions<BadgeCatalog> catalog)
{
    public async Task<PersonalRecord> LoadAsync(BotDbContext db, Person person, CancellationToken ct)
    {
        var identities = (await db.ChannelIdentities.AsNoTracking().Where(i => i.PersonId == person.Id).ToListAsync(ct))
            .OrderBy(i => i.Channel, StringComparer.Ordinal).ThenBy(i => i.ExternalId, StringComparer.Ordinal).ToList();
        var sessions = await db.Contributions.AsNoTracking().Where(c => c.PersonId == person.Id).OrderBy(c => c.SessionDate).ToListAsync(ct);
        var requests = await db.BadgeRequests.AsNoTracking().Where(r => r.PersonId == person.Id).ToListAsync(ct);
        var guide = await db.GuideProgress.AsNoTracking().FirstOrDefaultAsync(g => g.PersonId == person.Id, ct);
        var assessments = await db.TrimesterSelfAssessments.AsNoTracking().Where(a => a.PersonId == person.Id).ToListAsync(ct);
        var group = person.GroupId is { } id ? await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => g.Name).FirstOrDefaultAsync(ct) : null;
        return new PersonalRecord(person.DisplayName, person.CreatedAt, identities, sessions,
            [.. requests.OrderBy(r => r.CreatedAt.UtcTicks).Select(r => (r, catalog.Value.Find(r.BadgeId)?.Name ?? r.BadgeId))], guide?.Step, assessments)
        {
            Group = group,
        };
    }

    /// <summary>The download a pupil gets from "mes données": the same facts, as JSON.</summary>
    public static byte[] ToJsonFile(PersonalRecord record)
    {
        var json = new JsonObject
        {
            ["nom"] = record.Name,
            ["premierContact"] = record.Since.ToString("O"),
            ["groupe"] = record.Group,
            ["identifiants"] = new JsonArray([.. record.Identities.Select(i => (JsonNode)new JsonObject
            {
                ["canal"] = i.Channel, ["nomDuCanal"] = ChannelNames.French(i.Channel), ["identifiant"] = i.ExternalId,
            })]),
            ["seances"] = new JsonArray([.. record.Sessions.Select(c => (JsonNode)new JsonObject
            {
                ["date"] = c.SessionDate.ToString("yyyy-MM-dd"), ["partage"] = c.Shared, ["appris"] = c.Learned,
                ["domaine"] = ContributionTexts.Domains[c.Domain], ["niveau"] = c.Level,
            })]),
            ["demandesDeBadge"] = new JsonArray([.. record.Requests.Select(r => (JsonNode)new JsonObject
            {
                ["badge"] = r.BadgeName, ["message"] = r.Request.Message, ["statut"] = MyDataTexts.Status(r.Request.Status), ["le"] = r.Request.CreatedAt.ToString("O"),
                ["adresseMail"] = r.Request.IssueEmail, ["raisonDuRefus"] = r.Request.RefusalReason,
            })]),
            ["guideDuCompte"] = record.GuideStep is { } step ? new JsonObject { ["etape"] = step } : null,
            ["bilans"] = new JsonArray([.. record.SelfAssessments.Select(a => (JsonNode)new JsonObject
            {
                ["trimestre"] = a.Trimester, ["savoirFaire"] = a.KnowHow, ["savoirEtre"] = a.SoftSkills, ["numerique"] = a.Digital, ["citoyen"] = a.Civic,
            })]),
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    /// <summary>Deletes every row about the person, in this store and in the channels.</summary>
    public async Task EraseAsync(BotDbContext db, Person person, string conversationId, CancellationToken ct)
    {
        db.ErasedSomeone = true;
        var identities = await db.ChannelIdentities.AsNoTracking().Where(i => i.PersonId == person.Id).ToListAsync(ct);
        foreach (var eraser in channelErasers) await eraser.EraseAsync(identities, conversationId, ct);
        await db.Contributions.Where(c => c.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.BadgeRequests.Where(r => r.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.GuideProgress.Where(g => g.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.SentReminders.Where(r => r.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.TrimesterSelfAssessments.Where(a => a.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.Outbox.Where(m => m.PersonId == person.Id || m.AboutPersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.LinkCodes.Where(c => c.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.LinkLockouts.Where(l => l.PersonId == person.Id).ExecuteDeleteAsync(ct);
        // The answers kept for retried deliveries may quote what the person wrote: theirs go, and what
        // counsellors were answered (their trimester, their requests) is blanked.
        await db.ProcessedTurns.Where(t => db.Conversations.Any(c => c.PersonId == person.Id && c.Channel == t.Channel && c.ConversationId == t.ConversationId))
            .ExecuteDeleteAsync(ct);
        await db.ProcessedTurns
            .Where(t => db.Conversations.Any(c => c.Channel == t.Channel && c.ConversationId == t.ConversationId
                && db.People.Any(p => p.Id == c.PersonId && p.IsCounsellor)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Replies, "[]"), ct);
        await db.Conversations.Where(c => c.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.ChannelIdentities.Where(i => i.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.People.Where(p => p.Id == person.Id).ExecuteDeleteAsync(ct);
    }
}
