using System.Text;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

/// <summary>
/// NIST SP 800-63B 5.1.1.2 normalisation: the same password in two Unicode forms is one password for hashing, for the
/// rules and for history; a hash made before normalisation (of the password as typed) still verifies, and asks for a
/// rehash.
/// </summary>
public class PasswordNormalizationTests
{
    // "Crème-brûlée-Zéphyr" with precomposed letters (as macOS and most keyboards send) and with combining accents.
    private static readonly string Composed = "Cr\u00E8me-br\u00FBl\u00E9e-Z\u00E9phyr";
    private static readonly string Decomposed = Composed.Normalize(NormalizationForm.FormD);

    private readonly PasswordHashing hashing = new(1000);

    [Fact]
    public void The_two_forms_are_different_strings_to_begin_with()
    {
        Assert.NotEqual(Composed, Decomposed);
        Assert.Equal(Composed, PasswordNormalization.Normalize(Decomposed));
    }

    [Fact]
    public void A_password_hashed_in_one_form_verifies_in_the_other()
    {
        Assert.Equal(PasswordCheck.Correct, hashing.Verify(hashing.Hash(Composed), Decomposed));
        Assert.Equal(PasswordCheck.Correct, hashing.Verify(hashing.Hash(Decomposed), Composed));
    }

    [Fact]
    public void Full_width_letters_are_the_same_password_as_ascii_ones()
    {
        Assert.Equal(PasswordCheck.Correct, hashing.Verify(hashing.Hash("violet-harbour-42"), "\uFF56\uFF49\uFF4F\uFF4C\uFF45\uFF54-harbour-42"));
    }

    [Fact]
    public void A_hash_of_the_password_as_typed_from_before_normalisation_verifies_and_asks_for_a_rehash()
    {
        var legacy = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 })).HashPassword(new object(), Decomposed);

        Assert.Equal(PasswordCheck.CorrectButRehashNeeded, hashing.Verify(legacy, Decomposed));
        Assert.Equal(PasswordCheck.Wrong, hashing.Verify(legacy, "Creme-brulee-Zephyr"));
    }

    [Fact]
    public void The_rehash_is_of_the_normalised_form()
    {
        var rehashed = hashing.Hash(Decomposed);

        var plain = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        Assert.Equal(PasswordVerificationResult.Success, plain.VerifyHashedPassword(new object(), rehashed, Composed));
    }

    [Fact]
    public void A_common_password_in_full_width_letters_is_still_common()
    {
        Assert.Contains(PasswordViolation.Common, PasswordRules.Check("\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44", "usr_jean", 8));
    }

    [Fact]
    public void Length_counts_the_normalised_characters()
    {
        // Eight letters with combining accents are eight characters, not sixteen code units.
        Assert.Contains(PasswordViolation.TooShort, PasswordRules.Check("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", "usr_jean", 8));
        Assert.DoesNotContain(PasswordViolation.TooShort, PasswordRules.Check("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", "usr_jean", 8));
    }

    [Fact]
    public void A_lone_surrogate_is_kept_as_given_rather_than_thrown_on()
    {
        // (The JSON layer refuses such a string before it gets here; the hasher would refuse it too.)
        Assert.Equal("abc\uD800def", PasswordNormalization.Normalize("abc\uD800def"));
    }

    [Fact]
    public async Task A_user_whose_hash_predates_normalisation_signs_in_and_the_hash_is_upgraded_to_the_normalised_form()
    {
        var world = new PasswordLifecycle();
        world.Organizations.Add(Organization("org_a"));
        var legacy = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 })).HashPassword(new object(), Decomposed);
        world.Users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")) with { Password = new StoredPassword(legacy, Start, Temporary: false) });

        var asTyped = await world.SignIn.SignInAsync(new SignInRequest("usr_jean", Decomposed, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);

        Assert.True(asTyped.Succeeded);
        Assert.Single(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasswordRehashed);
        Assert.Equal(PasswordCheck.Correct, PasswordLifecycle.Hashing.Verify(world.Users["usr_jean"].Password!.Hash, Composed));
        var otherForm = await world.SignIn.SignInAsync(new SignInRequest("usr_jean", Composed, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);
        Assert.True(otherForm.Succeeded);
    }

    [Fact]
    public async Task The_current_password_in_another_form_counts_as_reused()
    {
        var world = new PasswordLifecycle();
        world.Organizations.Add(Organization("org_a"));
        var jean = world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Composed);

        var result = await world.Change.ChangeOwnAsync("usr_jean", Decomposed, Decomposed, ContextOf(SignedIn(jean)), CancellationToken.None);

        Assert.Contains("reused", (string[])result.Failure!.Details["violations"]!);
    }
}
