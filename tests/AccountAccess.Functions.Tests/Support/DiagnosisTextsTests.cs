using System.Globalization;
using System.Resources;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Support;

namespace AccountAccess.Functions.Tests.Support;

/// <summary>
/// The diagnosis in words: every blocker and remedy has an English and a French text, and a detail whose value has words of
/// its own is shown in those words, filled in from the other details, in the reader's language.
/// </summary>
public sealed class DiagnosisTextsTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    private static readonly ResourceManager Texts = new("AccountAccess.Functions.Resources.Diagnosis", typeof(DiagnosisTexts).Assembly);

    private static Blocker PendingActivation(Remedy remedy, params (string Key, string Value)[] details) =>
        new(BlockerCode.PendingActivation, Blocks.SignIn, null, remedy, details.ToDictionary(d => d.Key, d => d.Value));

    public static TheoryData<string> OwnTexts()
    {
        var keys = new TheoryData<string>();
        foreach (var code in Enum.GetValues<BlockerCode>().Where(c => !Enum.TryParse<ErrorCode>(c.ToString(), out _)))
        {
            keys.Add("blocker_" + code.ToSnakeCase());
        }

        foreach (var remedy in Enum.GetValues<Remedy>())
        {
            keys.Add("remedy_" + remedy.ToSnakeCase());
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(OwnTexts))]
    public void Every_blocker_and_remedy_has_an_english_and_a_french_text(string key)
    {
        var english = Texts.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!.GetString(key);
        var french = Texts.GetResourceSet(French, createIfNotExists: true, tryParents: false)!.GetString(key);

        Assert.False(string.IsNullOrWhiteSpace(english));
        Assert.False(string.IsNullOrWhiteSpace(french));
        Assert.NotEqual(english, french);
    }

    [Theory]
    [InlineData("en", "Wrong username or password, or the account is deactivated.")]
    [InlineData("fr", "Nom d'utilisateur ou mot de passe incorrect, ou compte désactivé.")]
    public void A_lock_for_too_many_attempts_says_sign_in_answers_every_password_like_a_wrong_one(string language, string shownAtSignIn)
    {
        var blocker = new Blocker(BlockerCode.AccountDeactivated, Blocks.SignIn, null, Remedy.AskSupervisorToReactivate,
            new Dictionary<string, string> { ["reason"] = "too_many_attempts" });

        var message = DiagnosisTexts.MessageOf(blocker, CultureInfo.GetCultureInfo(language));

        Assert.Contains(shownAtSignIn, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kit_sent_is_shown_with_its_time_and_the_link_with_its_end()
    {
        var blocker = PendingActivation(Remedy.OpenWelcomeKitLink,
            ("welcomeKit", "sent"), ("welcomeKitSentAt", "2026-12-01T09:00:00Z"),
            ("activationLink", "pending"), ("activationLinkExpiresAt", "2026-12-02T09:00:00Z"));

        Assert.Equal(
            "The account was created without a password and has not been activated yet: welcome kit sent at 2026-12-01T09:00:00Z (UTC); activation link valid until 2026-12-02T09:00:00Z (UTC).",
            DiagnosisTexts.MessageOf(blocker, English));
        Assert.Equal(
            "Le compte a été créé sans mot de passe et n'est pas encore activé : trousse de bienvenue envoyée le 2026-12-01T09:00:00Z (UTC) ; lien d'activation valide jusqu'au 2026-12-02T09:00:00Z (UTC).",
            DiagnosisTexts.MessageOf(blocker, French));
        Assert.Contains("2026-12-02T09:00:00Z", DiagnosisTexts.RemedyOf(blocker, French), StringComparison.Ordinal);
    }

    [Fact]
    public void No_kit_yet_is_said_in_words_not_as_a_code()
    {
        var blocker = PendingActivation(Remedy.SendWelcomeKit, ("welcomeKit", "not_sent"), ("activationLink", "none"));

        Assert.Equal(
            "The account was created without a password and has not been activated yet: no welcome kit sent yet; activation link none.",
            DiagnosisTexts.MessageOf(blocker, English));
        Assert.DoesNotContain("not_sent", DiagnosisTexts.MessageOf(blocker, French), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_without_words_of_its_own_is_shown_as_it_is()
    {
        var blocker = new Blocker(BlockerCode.ForgotPasswordRefused, Blocks.Nothing, null, Remedy.AddEmailInEmployeeFile,
            new Dictionary<string, string> { ["reason"] = "no_email" });

        Assert.Equal("The last forgot-password request sent nothing (no_email).", DiagnosisTexts.MessageOf(blocker, English));
    }

    [Fact]
    public void The_expected_portal_is_named_in_the_readers_language()
    {
        var blocker = new Blocker(BlockerCode.WrongPortal, Blocks.SignIn, null, Remedy.UseExpectedPortal,
            new Dictionary<string, string> { ["expectedPortal"] = "management" });

        Assert.StartsWith("Use the Management Portal", DiagnosisTexts.RemedyOf(blocker, English), StringComparison.Ordinal);
        Assert.StartsWith("Utilisez le portail de gestion", DiagnosisTexts.RemedyOf(blocker, French), StringComparison.Ordinal);
    }
}
