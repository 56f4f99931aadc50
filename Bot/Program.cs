using Bot;
using Bot.Channels.Discord;
using Bot.Channels.Teams;
using Bot.Channels.WebChat;
using Bot.Dialogs;
using Bot.Issuing;
using Bot.Jobs;
using Bot.Store;
using Bot.Turns;

// Minors' data: whatever the process creates is its user's alone (Unix).
PrivateFiles.RestrictNewFiles();
var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryConfiguration();
builder.AddLogFormat();
builder.AddNetworkEdge();
builder.AddRequestLimits();
builder.AddHealth();
builder.AddStore();
builder.AddProgramme();
builder.AddIssuing();
builder.Services.AddDialogs();
builder.Services.AddTurns();
builder.AddWebChat();
builder.AddDiscord();
builder.AddTeams();
builder.AddJobs();

var app = builder.Build();
if (await app.RunCommandLineAsync(args)) return;
app.UseFrenchErrors();
app.UseFrenchStatusPages();
app.UseNetworkEdge();
app.MapHealth();
await app.PrepareStoreAsync();
app.MapWebChat();
app.MapDiscordChannel();
app.MapTeams();
app.UseJobs();
app.Run();

public partial class Program;
