using System.Text.RegularExpressions;
using MimeKit;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// The app's <c>Email:PickupDirectory</c>: a temporary folder where every email is one <c>.eml</c> file, read back with
/// MimeKit. Deleted on dispose.
/// </summary>
public sealed partial class PickupFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("accountaccess-mail-").FullName;

    /// <summary>How many emails have been written so far (cheap: no email is read).</summary>
    public int Count => Directory.GetFiles(Path, "*.eml").Length;

    /// <summary>The emails to <paramref name="address"/> so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> SentTo(string address) =>
        Directory.GetFiles(Path, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .Where(message => message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>Waits (bounded) until <paramref name="address"/> has at least <paramref name="count"/> emails, and returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<MimeMessage> found = [];
        await Eventually.TrueAsync(() =>
        {
            found = SentTo(address);
            return Task.FromResult(found.Count >= count);
        }, timeout);
        return found;
    }

    /// <summary>The full link (<c>…/reset-password?token=…</c> or <c>…/activate?token=…</c>) in the text part.</summary>
    public static string LinkIn(MimeMessage message) =>
        LinkPattern().Match(message.TextBody ?? string.Empty) is { Success: true } match
            ? match.Value
            : throw new Xunit.Sdk.XunitException($"No link in the email: {message.TextBody}");

    /// <summary>The token of the link in the text part, unescaped, ready for POST /api/password/reset.</summary>
    public static string TokenIn(MimeMessage message)
    {
        var link = LinkIn(message);
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A message still being written; the OS cleans temporary folders anyway.
        }
    }

    [GeneratedRegex(@"https?://\S+/(reset-password|activate)\?token=[^\s<""]+")]
    private static partial Regex LinkPattern();
}
