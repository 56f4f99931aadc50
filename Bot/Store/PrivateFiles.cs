using System.Runtime.InteropServices;

namespace Bot.Store;

/// <summary>
/// The bot's files hold minors' data: on Unix every file and folder the process creates is its
/// user's alone from the moment it exists (umask 077: folders 0700, files 0600), SQLite's journals
/// and Hangfire's file included; database files a looser earlier version left are tightened at start.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Before anything is created: the process's file mode creation mask.</summary>
    public static void RestrictNewFiles()
    {
        if (OperatingSystem.IsWindows()) return;
        Umask(0b000_111_111);
    }

    /// <summary>The SQLite file's folder (created 0700 if missing); the database's existing files set to 0600.</summary>
    public static void PrepareFolder(string databaseFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databaseFile))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, Owner | UnixFileMode.UserExecute);
        var name = Path.GetFileNameWithoutExtension(databaseFile);
        foreach (var file in Directory.EnumerateFiles(folder, name + ".*"))
            if ((File.GetUnixFileMode(file) & ~Owner) != 0) File.SetUnixFileMode(file, Owner);
    }

    [DllImport("libc", EntryPoint = "umask")]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the project for this one blittable call
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
