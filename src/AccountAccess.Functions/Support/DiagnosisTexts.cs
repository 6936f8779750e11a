using System.Globalization;
using System.Resources;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;

namespace AccountAccess.Functions.Support;

/// <summary>
/// The diagnosis in words, in English or French (Resources/Diagnosis*.resx): a blocker's message — for a sign-in refusal,
/// the very message the person was shown — and its remedy, with the blocker's details filled in (<c>{until}</c>…). A detail
/// whose value has words of its own (a text named <c>{key}_{value}</c>, e.g. <c>expectedPortal_management</c>) is filled
/// with those words, themselves filled in from the details (<c>welcomeKit_sent</c> says when).
/// </summary>
public static class DiagnosisTexts
{
    private static readonly ResourceManager Texts = new("AccountAccess.Functions.Resources.Diagnosis", typeof(DiagnosisTexts).Assembly);

    public static string MessageOf(Blocker blocker, CultureInfo culture) =>
        blocker is { Code: BlockerCode.AccountDeactivated } && blocker.Details.GetValueOrDefault("reason") == "too_many_attempts"
            // Sign-in shows this lock to nobody (it answers like a wrong password): support reads what the lock does instead.
            ? Fill(Text("blocker_account_deactivated_too_many_attempts", culture), blocker, culture)
        : Enum.TryParse<ErrorCode>(blocker.Code.ToString(), out var shownAtSignIn)
            // What the person read at sign-in, variant included.
            ? ErrorCatalogue.MessageOf(Failure.Of(shownAtSignIn, ("unlockByPasswordReset", blocker.Details.GetValueOrDefault("unlockByPasswordReset") == "true")), culture)
            : Fill(Text("blocker_" + blocker.Code.ToSnakeCase(), culture), blocker, culture);

    public static string RemedyOf(Blocker blocker, CultureInfo culture) =>
        Fill(Text("remedy_" + blocker.Remedy.ToSnakeCase(), culture), blocker, culture);

    private static string Fill(string template, Blocker blocker, CultureInfo culture, bool wordsOfValues = true)
    {
        foreach (var (key, value) in blocker.Details)
        {
            var placeholder = "{" + key + "}";
            if (!template.Contains(placeholder, StringComparison.Ordinal))
            {
                continue;
            }

            var words = wordsOfValues ? Texts.GetString(key + "_" + value, culture) : null;
            var shown = words is null ? value : Fill(words, blocker, culture, wordsOfValues: false);
            template = template.Replace(placeholder, shown, StringComparison.Ordinal);
        }

        return template;
    }

    private static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"No diagnosis text {key}.");
}
