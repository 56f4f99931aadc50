using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.Discord;

/// <summary>What goes back to Discord's REST API (a local fake): deferred answers with files, rate limits.</summary>
public class DiscordRestTests : FakeDiscordApp
{
    private async Task<DiscordCall> WaitForAsync(Func<DiscordCall, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Discord.Calls.FirstOrDefault(match) is { } call) return call;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("Discord was never called: " + string.Join(", ", Discord.Calls.Select(c => $"{c.Method} {c.Path}")));
    }

    [Fact]
    public async Task Qr_IsDeferred_ThenTheQrCodeComesAsAnAttachment_OnTheOriginalResponse()
    {
        const string link = "https://openbadgepassport.com/app/badge/info/12345";
        var lea = new DiscordClient(Http, Key);
        var first = await lea.CommandAsync("qr", link);
        Assert.Equal(5, first["type"]!.GetValue<int>());
        Assert.Equal(64, first["data"]!["flags"]!.GetValue<int>());

        var call = await WaitForAsync(c => c.Method == "PATCH");
        Assert.Equal("webhooks/1300000000000000000/token/messages/@original", call.Path);
        Assert.Null(call.Authorization); // the interaction token is the credential
        Assert.Equal("qr-code.png", call.Json!["attachments"]![0]!["filename"]!.GetValue<string>());
        Assert.Equal(0, call.Json!["attachments"]![0]!["id"]!.GetValue<int>());
        Assert.Contains("Voilà ton QR code", call.Json["content"]!.GetValue<string>());
        var (field, fileName, png) = Assert.Single(call.Files);
        Assert.Equal(("files[0]", "qr-code.png"), (field, fileName));
        Assert.Equal(link, QrImages.Decode(png));
    }

    [Fact]
    public async Task A429_IsWaitedOut_AndTheCallGoesThrough()
    {
        Discord.RateLimitNext(1);
        var lea = new DiscordClient(Http, Key);
        await lea.CommandAsync("qr", "https://openbadgepassport.com/app/badge/info/1");
        await WaitForAsync(c => c.Method == "PATCH" && c.Files.Count == 1);
        for (var i = 0; i < 40 && Discord.Calls.Count(c => c.Method == "PATCH") < 2; i++) await Task.Delay(50);
        Assert.Equal(2, Discord.Calls.Count(c => c.Method == "PATCH")); // the refused one, then the one that went
    }

    [Fact]
    public async Task TheExport_ComesAsACsvAttachment()
    {
        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        Assert.Equal(5, (await counsellor.CommandAsync("export"))["type"]!.GetValue<int>());
        var call = await WaitForAsync(c => c.Method == "PATCH");
        Assert.Equal("suivi-1er-trimestre-2026-2027.csv", Assert.Single(call.Files).FileName);
    }
}

public class DiscordCommandsTests
{
    private static readonly System.Text.Json.Nodes.JsonArray Commands = Bot.Channels.Discord.DiscordCommands.Payload(TestCommands.Catalog);

    private static System.Text.Json.Nodes.JsonNode? Registered(string name) =>
        Commands.SingleOrDefault(c => c!["name"]!.GetValue<string>() == name.Normalize(System.Text.NormalizationForm.FormC));

    [Fact]
    public void TheCommands_HaveDiscordsShapes()
    {
        Assert.Equal([
            "jai-partagé", "mes-séances", "mon-trimestre", "compte", "badges", "qr", "mes-donnees", "suivi", "eleve", "demandes", "export", "clore", "bilan",
            "rejoindre", "lier", "délier", "groupe", "aide",
        ],
            Commands.Select(c => c!["name"]!.GetValue<string>()));
        foreach (var command in Commands)
        {
            var name = command!["name"]!.GetValue<string>();
            Assert.True(name.IsNormalized(System.Text.NormalizationForm.FormC));
            Assert.Matches(@"^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$", name);
            Assert.Matches(@"^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$", command["name_localizations"]!["en-US"]!.GetValue<string>());
            Assert.InRange(command["description"]!.GetValue<string>().Length, 1, 100);
            Assert.InRange(command["description_localizations"]!["en-US"]!.GetValue<string>().Length, 1, 100);
            Assert.True(command["options"]!.AsArray().Count <= 25);
        }
        Assert.Equal(Commands.Count, Commands.Select(c => c!["name_localizations"]!["en-US"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public void EveryDeclaredCommand_IsRegistered_WithItsDescriptionsAndArgument()
    {
        Assert.Equal(TestCommands.Catalog.All.Count, Commands.Count);
        foreach (var declared in TestCommands.Catalog.All)
        {
            var command = Registered(declared.Name);
            Assert.True(command is not null, $"/{declared.Name} is not registered on Discord");
            Assert.Equal(declared.NameEn, command!["name_localizations"]!["en-US"]!.GetValue<string>());
            Assert.Equal(declared.ListedDescription, command["description"]!.GetValue<string>());
            Assert.Equal(declared.ListedDescriptionEn, command["description_localizations"]!["en-US"]!.GetValue<string>());
            var options = command["options"]!.AsArray();
            if (declared.Argument is not { } argument) { Assert.Empty(options); continue; }
            var option = Assert.Single(options)!;
            Assert.Equal((argument.Name, argument.Description, argument.Required),
                (option["name"]!.GetValue<string>(), option["description"]!.GetValue<string>(), option["required"]!.GetValue<bool>()));
        }
    }

    [Fact]
    public void Bilan_IsASlashCommand_InFrenchAndInEnglish()
    {
        var bilan = Registered("bilan");
        Assert.NotNull(bilan);
        Assert.Equal("Faire ton bilan de fin de trimestre", bilan!["description"]!.GetValue<string>());
        Assert.Equal("self-assessment", bilan["name_localizations"]!["en-US"]!.GetValue<string>());
        Assert.Equal([0, 1], bilan["contexts"]!.AsArray().Select(c => c!.GetValue<int>()));
    }

    [Fact]
    public void CounsellorCommands_AreHiddenUntilAnAdminAllowsThem_PupilCommandsAreNot()
    {
        Assert.NotEmpty(TestCommands.Counsellors);
        foreach (var declared in TestCommands.Counsellors)
        {
            var command = Registered(declared.Name)!;
            Assert.Equal("0", command["default_member_permissions"]?.GetValue<string>());
            // Member permissions hold in a server only: in a DM with the bot, everyone would see the command.
            Assert.Equal([0], command["contexts"]!.AsArray().Select(c => c!.GetValue<int>()));
            Assert.StartsWith("Conseillère : ", command["description"]!.GetValue<string>());
        }
        foreach (var declared in TestCommands.Pupils)
        {
            var command = Registered(declared.Name)!;
            Assert.False(command.AsObject().ContainsKey("default_member_permissions"), $"/{declared.Name} is hidden from pupils");
            Assert.Equal([0, 1], command["contexts"]!.AsArray().Select(c => c!.GetValue<int>()));
        }
    }

    [Fact]
    public async Task Register_BulkOverwritesTheServersCommands_WithTheBotToken()
    {
        await using var discord = await FakeDiscord.StartAsync();
        using var database = new TempDatabase();
        using var key = DiscordClient.NewKey();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday), settings: DiscordClient.Settings(key, discord.BaseUrl));
        using var scope = app.Services.CreateScope();
        var count = await scope.ServiceProvider.GetRequiredService<Bot.Channels.Discord.DiscordCommands>().RegisterAsync("1290000000000000000", default);
        Assert.Equal(TestCommands.Catalog.All.Count, count);
        var call = Assert.Single(discord.Calls);
        Assert.Equal(("PUT", "applications/1300000000000000000/guilds/1290000000000000000/commands", "Bot fake-bot-token"), (call.Method, call.Path, call.Authorization));
    }
}

/// <summary>Discord's 3 seconds: a turn slower than that is deferred at once and finished by a follow-up.</summary>
public class DiscordSlowTurnTests
{
    private sealed class SlowDialog : Bot.Dialogs.Engine.IDialog
    {
        public string Name => "slow";
        public string StartChoiceId => "start:slow";
        public string MenuLabel => "";
        public bool TryStart(string folded, bool dialogActive, out string? args) { args = null; return folded == "/lent"; }
        public async Task<Bot.Dialogs.Engine.StepOutcome> BeginAsync(Bot.Dialogs.Engine.TurnContext context, string? args, CancellationToken ct)
        {
            await Task.Delay(TimeSpan.FromSeconds(4), ct); // a busy database, say
            context.State = Bot.Dialogs.Engine.ConversationState.Empty;
            context.Say("Enfin fini.");
            return Bot.Dialogs.Engine.StepOutcome.Understood;
        }
        public Task<Bot.Dialogs.Engine.StepOutcome> ContinueAsync(Bot.Dialogs.Engine.TurnContext context, CancellationToken ct) => Task.FromResult(Bot.Dialogs.Engine.StepOutcome.Understood);
        public void Reprompt(Bot.Dialogs.Engine.TurnContext context) { }
        public string Help(Bot.Dialogs.Engine.TurnContext context) => "";
    }

    [Fact]
    public async Task ASlowTurn_IsDeferredWithinThreeSeconds_ThenTheAnswerReplacesTheWait()
    {
        await using var discord = await FakeDiscord.StartAsync();
        using var database = new TempDatabase();
        using var key = DiscordClient.NewKey();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday),
            services: s => s.AddScoped<Bot.Dialogs.Engine.IDialog, SlowDialog>(),
            settings: DiscordClient.Settings(key, discord.BaseUrl));
        using var http = app.CreateClient();
        var lea = new DiscordClient(http, key);
        await lea.CommandAsync("aide"); // past the welcome

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var first = await lea.CommandAsync("lent");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"answered after {watch.Elapsed}");
        Assert.Equal(5, first["type"]!.GetValue<int>());

        for (var i = 0; i < 200 && !discord.Calls.Any(c => c.Method == "PATCH"); i++) await Task.Delay(50);
        Assert.Equal("Enfin fini.", discord.Calls.Single(c => c.Method == "PATCH").Json!["content"]!.GetValue<string>());
    }
}
