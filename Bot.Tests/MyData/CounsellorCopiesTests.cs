using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.MyData;

/// <summary>
/// What the counsellor was shown about a pupil is not kept in her transcript beyond its delivery, and a
/// pupil's erasure leaves no copy of their words anywhere in the database, every table and column scanned.
/// </summary>
public sealed class CounsellorCopiesTests : IDisposable
{
    private const string SessionText = "Atelier Zyxwvut de montage";
    private const string RequestWords = "Merci Qwertzuiop pour tout";
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private BotApp App() => new(_database.ConnectionString, Clocks.At(Clocks.Sunday));

    private static async Task<DirectLineClient> PupilWithTracesAsync(HttpClient http)
    {
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/jai-partagé vendredi", SessionText, "La vidéo", "numérique", "2", "oui", "/badges", "citoyen", RequestWords })
            await lea.SayAsync(turn);
        await lea.PollAsync();
        return lea;
    }

    /// <summary>Every text cell of every table of the store that contains one of the words.</summary>
    private List<string> Copies(params string[] words)
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var found = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                for (var column = 0; column < reader.FieldCount; column++)
                    if (reader.GetValue(column) is string text && words.FirstOrDefault(w => text.Contains(w, StringComparison.Ordinal)) is { } word)
                        found.Add($"{table}.{reader.GetName(column)}: {word}");
        }
        return found;
    }

    [Fact]
    public async Task WhatTheCounsellorWasShown_IsReplacedOnceDelivered()
    {
        await using var app = App();
        using var http = app.CreateClient();
        await PupilWithTracesAsync(http);
        var pupilsOwn = Copies("Zyxwvut", "Qwertzuiop");
        var claire = new DirectLineClient(http, "conseillere");
        await claire.StartAsync();
        await claire.SayAsync("/eleve lea");
        await claire.SayAsync("/demandes");

        var shown = string.Join("\n", (await claire.PollAsync()).Select(a => a!.ToJsonString()));
        Assert.Contains("Zyxwvut", shown);
        Assert.Contains("Qwertzuiop", shown);

        // Delivered: the pupil's own records and transcript hold their words, no copy of the counsellor's does.
        Assert.Equal(pupilsOwn, Copies("Zyxwvut", "Qwertzuiop"));
        var again = new DirectLineClient(http, "conseillere");
        again.Resume(claire.ConversationId, claire.Token);
        var reloaded = string.Join("\n", (await again.PollAsync()).Select(a => a!["text"]?.GetValue<string>()));
        Assert.DoesNotContain("Zyxwvut", reloaded);
        Assert.Contains("effacée après lecture", reloaded);
    }

    [Fact]
    public async Task AfterThePupilsErasure_NoTableHoldsTheirWords_EvenAnAnswerTheCounsellorNeverFetched()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var lea = await PupilWithTracesAsync(http);
        var claire = new DirectLineClient(http, "conseillere");
        await claire.StartAsync();
        foreach (var turn in new[] { "/eleve lea", "/demandes", "/suivi", "/export" }) await claire.SayAsync(turn);
        Assert.NotEmpty(Copies("Zyxwvut", "Qwertzuiop"));

        await lea.SayAsync("supprimer mes données");
        var confirm = (await lea.PollAsync()).Last()!["suggestedActions"]!["actions"]![0]!;
        await lea.ClickAsync(confirm["value"]!["choiceId"]!.GetValue<string>(), confirm["title"]!.GetValue<string>());
        Assert.Contains(await lea.BotSaysAsync(), t => t.Contains("effacé toutes tes données", StringComparison.Ordinal));

        Assert.Empty(Copies("Zyxwvut", "Qwertzuiop"));
    }
}
