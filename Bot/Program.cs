using Bot;
using Bot.Channels.Discord;
using Bot.Channels.Teams;
using Bot.Channels.WebChat;
using Bot.Dialogs;
using Bot.Dialogs.Understanding;
using Bot.Issuing;
using Bot.Jobs;
using Bot.Store;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryConfiguration();
builder.AddStore();
builder.AddProgramme();
builder.AddIssuing();
builder.Services.AddDialogs();
builder.AddWebChat();
builder.AddDiscord();
builder.AddTeams();
builder.AddJobs();

var app = builder.Build();
if (await app.RunCommandLineAsync(args)) return;
app.UseFrenchErrors();
// The date models take ~1.8 s to build and warm: in the background, beside the migrations, so that
// the bot answers from the first second (a turn that reads a date meanwhile waits for them).
app.Lifetime.ApplicationStarted.Register(() => Task.Run(() => app.Services.GetRequiredService<FrenchRecognizers>().Warm()));
await app.PrepareStoreAsync();
app.MapWebChat();
app.MapDiscordChannel();
app.MapTeams();
app.UseJobs();
app.Run();

public partial class Program;
