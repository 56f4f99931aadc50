using Bot.Tests.Groups;

namespace Bot.Tests.Support;

/// <summary>
/// <c>dotnet Bot.Tests.dll &lt;command&gt; …</c>: a test's own code in a process of its own, for a test that needs
/// an environment the test runner cannot have (the runner never calls this; it replaces the empty Main that
/// Microsoft.NET.Test.Sdk would generate).
/// </summary>
internal static class TestsEntryPoint
{
    public static int Main(string[] args) => args switch
    {
        ["poster", var output] => GroupPosterTests.RenderInThisProcess(output),
        ["chart", var output] => Charts.ChartNoFontsTests.RenderInThisProcess(output),
        _ => 2,
    };
}
