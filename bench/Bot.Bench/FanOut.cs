namespace Bot.Bench;

internal static class FanOut
{
    public static Task<bool> RunAsync(int pupils) => Task.FromResult(true);
}
