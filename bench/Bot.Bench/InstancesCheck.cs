using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace Bot.Bench;

/// <summary>What the database holds after a run, against what the pupils did.</summary>
internal sealed record InstancesCounts(int Pupils, int Saved, long Contributions, int Transcripts, IReadOnlyList<string> Misses);

/// <summary>
/// The correctness of a run, read from the database: every pupil's sessions saved once (Contributions rows per pupil
/// equal to the sessions the bot told them it saved), one conversation per pupil, and every transcript in order: its
/// activities numbered 1..n without a gap, the pupil's messages in the order they were posted (each session's turns
/// are distinct texts, so a swap shows), and every bot reply answering the pupil's message just before it.
/// </summary>
internal static class InstancesCheck
{
    private sealed record Activity(int Sequence, string ActivityId, JsonNode Json);

    private sealed record Conversation(string Id, string? UserId, int ActivityCount, List<Activity> Activities);

    public static async Task<InstancesCounts> RunAsync(string database, IReadOnlyCollection<PupilRecord> records)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var contributions = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT i."ExternalId", count(c."Id") FROM "ChannelIdentities" i LEFT JOIN "Contributions" c ON c."PersonId" = i."PersonId"
            WHERE i."Channel" = 'webchat' GROUP BY i."ExternalId"
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) contributions[reader.GetString(0)] = (int)reader.GetInt64(1);
        long total;
        await using (var count = new NpgsqlCommand("""SELECT count(*) FROM "Contributions" """, connection))
            total = (long)(await count.ExecuteScalarAsync())!;

        var conversations = new Dictionary<string, Conversation>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT c."Id", c."UserId", c."ActivityCount", a."Sequence", a."ActivityId", a."Json"
            FROM "DirectLineConversations" c LEFT JOIN "DirectLineActivities" a ON a."ConversationId" = c."Id"
            ORDER BY c."Id", a."Sequence"
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var id = reader.GetString(0);
                if (!conversations.TryGetValue(id, out var conversation))
                    conversations[id] = conversation = new Conversation(id, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), []);
                if (!reader.IsDBNull(3))
                    conversation.Activities.Add(new Activity(reader.GetInt32(3), reader.GetString(4), JsonNode.Parse(reader.GetString(5))!));
            }

        var misses = new List<string>();
        var byUser = conversations.Values.ToLookup(c => c.UserId ?? "", StringComparer.Ordinal);
        var known = records.Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var stray in conversations.Values.Where(c => c.UserId is null || !known.Contains(c.UserId)))
            misses.Add($"conversation {stray.Id[..8]}… belongs to no pupil of the run");
        var transcripts = 0;
        foreach (var pupil in records.OrderBy(r => r.UserId, StringComparer.Ordinal))
        {
            var saved = contributions.GetValueOrDefault(pupil.UserId);
            var expected = pupil.Saved ? 1 : 0;
            // A pupil whose last poll failed never learnt whether it was saved: once at most, then.
            var unknown = pupil.Error?.StartsWith("poll", StringComparison.Ordinal) == true;
            if (unknown ? saved > 1 : saved != expected)
                misses.Add($"{pupil.UserId}: {saved} Contributions row(s), the bot told the pupil {expected} session(s) saved " +
                    (saved < expected ? "(lost)" : "(doubled or saved unsaid)"));
            var theirs = byUser[pupil.UserId].ToList();
            if (!pupil.Started)
            {
                if (theirs.Count > 1) misses.Add($"{pupil.UserId}: {theirs.Count} conversations for one failed start");
                continue;
            }
            if (theirs.Count != 1)
            {
                misses.Add($"{pupil.UserId}: {theirs.Count} conversations, one started");
                continue;
            }
            var problem = TranscriptProblem(theirs[0], pupil);
            if (problem is null) transcripts++;
            else misses.Add($"{pupil.UserId}: {problem}");
        }
        return new InstancesCounts(records.Count, records.Count(r => r.Saved), total, transcripts, misses);
    }

    /// <summary>Why a conversation's transcript is not the pupil's session in order, or null when it is.</summary>
    private static string? TranscriptProblem(Conversation conversation, PupilRecord pupil)
    {
        var activities = conversation.Activities;
        if (activities.Count != conversation.ActivityCount)
            return $"{activities.Count} activities stored, the conversation counts {conversation.ActivityCount}";
        string? lastPupilMessage = null;
        var pupilMessages = 0;
        var answered = true;
        for (var i = 0; i < activities.Count; i++)
        {
            var (sequence, activityId, json) = activities[i];
            if (sequence != i + 1) return $"activity {i + 1} is numbered {sequence} (a gap or a double)";
            var expectedId = $"{conversation.Id}|{sequence:D7}";
            if (activityId != expectedId || json["id"]?.GetValue<string>() != expectedId) return $"activity {sequence} has another activity's id";
            var role = json["from"]?["role"]?.GetValue<string>();
            if (role == "user")
            {
                if (!answered) return $"pupil message {pupilMessages} has no reply before the next message";
                if (pupilMessages >= DirectLinePupil.Session.Length) return $"more pupil messages than the {DirectLinePupil.Session.Length} posted";
                // Each turn of a session is a distinct text: a message out of its place, or twice, shows here.
                if (json["text"]?.GetValue<string>() != DirectLinePupil.Session[pupilMessages].Text)
                    return $"pupil message {pupilMessages + 1} (activity {sequence}) is not turn {pupilMessages + 1} of the session: out of order";
                pupilMessages++;
                lastPupilMessage = expectedId;
                answered = false;
            }
            else if (role == "bot")
            {
                var replyTo = json["replyToId"]?.GetValue<string>();
                if (replyTo != lastPupilMessage)
                    return $"bot reply at activity {sequence} answers {Describe(replyTo)}, not the pupil's message just before ({Describe(lastPupilMessage)})";
                answered = true;
            }
            else return $"activity {sequence} is from neither the pupil nor the bot";
        }
        // Every turn answered 200 is stored with its replies; the one that failed may have been stored (its commit made) or not.
        var stored = pupilMessages == pupil.Posted || (pupil.LastFailed && pupilMessages == pupil.Posted + 1);
        if (!stored) return $"{pupilMessages} pupil messages stored, {pupil.Posted} answered";
        if (!answered && !pupil.LastFailed) return "the last pupil message has no reply";
        return null;
    }

    private static string Describe(string? activityId) =>
        activityId is null ? "nothing" : "activity " + int.Parse(activityId[(activityId.LastIndexOf('|') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>
    /// Proof that the check sees what it is for (the smoke run): on a database that passed it, four saved pupils' data are
    /// spoiled (two messages swapped, a reply pointed at the wrong message, a session lost, one doubled); the check must
    /// then name exactly those four pupils. Returns what went wrong with the proof, or null.
    /// </summary>
    public static async Task<string?> ProveAsync(string database, IReadOnlyCollection<PupilRecord> records)
    {
        var victims = records.Where(r => r.Saved).OrderBy(r => r.UserId, StringComparer.Ordinal).Take(4).Select(r => r.UserId).ToArray();
        if (victims.Length < 4) return $"only {victims.Length} saved sessions to spoil, 4 needed";
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await SwapSecondAndThirdMessagesAsync(connection, victims[0]);
            await ExecuteAsync(connection, """
                UPDATE "DirectLineActivities" a SET "Json" = jsonb_set(a."Json"::jsonb, '{replyToId}', to_jsonb(c."Id" || '|0000001'))::text
                FROM "DirectLineConversations" c
                WHERE a."ConversationId" = c."Id" AND c."UserId" = @pupil AND a."Json"::jsonb ->> 'replyToId' IS NOT NULL
                  AND a."Sequence" = (SELECT max("Sequence") FROM "DirectLineActivities" WHERE "ConversationId" = c."Id")
                """, victims[1]);
            await ExecuteAsync(connection, """
                DELETE FROM "Contributions" WHERE "PersonId" IN
                    (SELECT "PersonId" FROM "ChannelIdentities" WHERE "Channel" = 'webchat' AND "ExternalId" = @pupil)
                """, victims[2]);
            await ExecuteAsync(connection, """
                INSERT INTO "Contributions"
                SELECT (jsonb_populate_record(null::"Contributions", to_jsonb(c) || jsonb_build_object('Id', gen_random_uuid()))).*
                FROM "Contributions" c WHERE c."PersonId" IN
                    (SELECT "PersonId" FROM "ChannelIdentities" WHERE "Channel" = 'webchat' AND "ExternalId" = @pupil)
                """, victims[3]);
        }
        var found = (await RunAsync(database, records)).Misses;
        var named = victims.Where(v => found.Any(m => m.StartsWith(v + ":", StringComparison.Ordinal))).ToArray();
        if (named.Length != victims.Length || found.Count != victims.Length)
            return $"the check found {found.Count} misses ({string.Join("; ", found.Take(6))}) for 4 spoiled pupils, " +
                $"{victims.Length - named.Length} of them missed";
        return null;
    }

    /// <summary>The pupil's second and third messages trade their words, ids and numbers kept: only the order check can see it.</summary>
    private static async Task SwapSecondAndThirdMessagesAsync(NpgsqlConnection connection, string pupil)
    {
        var messages = new List<(string Conversation, int Sequence, JsonNode Json)>();
        await using (var command = new NpgsqlCommand("""
            SELECT a."ConversationId", a."Sequence", a."Json" FROM "DirectLineActivities" a
            JOIN "DirectLineConversations" c ON c."Id" = a."ConversationId"
            WHERE c."UserId" = @pupil AND a."Json"::jsonb -> 'from' ->> 'role' = 'user' ORDER BY a."Sequence" LIMIT 3
            """, connection))
        {
            command.Parameters.AddWithValue("pupil", pupil);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) messages.Add((reader.GetString(0), reader.GetInt32(1), JsonNode.Parse(reader.GetString(2))!));
        }
        var (second, third) = (messages[1], messages[2]);
        (second.Json["text"], third.Json["text"]) = (third.Json["text"]!.DeepClone(), second.Json["text"]!.DeepClone());
        foreach (var (conversation, sequence, json) in new[] { second, third })
        {
            await using var update = new NpgsqlCommand("""
                UPDATE "DirectLineActivities" SET "Json" = @json WHERE "ConversationId" = @conversation AND "Sequence" = @sequence
                """, connection);
            update.Parameters.AddWithValue("json", json.ToJsonString());
            update.Parameters.AddWithValue("conversation", conversation);
            update.Parameters.AddWithValue("sequence", sequence);
            await update.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string pupil)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("pupil", pupil);
        if (await command.ExecuteNonQueryAsync() < 1) throw new InvalidOperationException($"Spoiling {pupil}'s data changed nothing.");
    }
}
