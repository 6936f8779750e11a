using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.TwoFactor;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Accounts;

/// <summary>What a challenge, a change token and an enrolment token rely on, and what leaves them standing.</summary>
public class CredentialVersionTests
{
    private static readonly User Jean = User("usr_jean", Member("org_a", Role.Employee, "unit_1")) with
    {
        TwoFactor = new TwoFactorEnrollment { EncryptedTotpSecret = "sealed-1", TotpConfirmedAt = Start, Phone = "+15145550100" },
    };

    private static readonly string Before = CredentialVersion.Of(Jean);

    private static readonly Passkey Laptop = new()
    {
        Id = "pk_laptop", Name = "Laptop", CredentialId = [1], PublicKey = [0xa5], SignCount = 7, UserHandle = [0x75], CreatedAt = Start,
    };

    [Fact]
    public void A_new_password_moves_it()
    {
        Assert.NotEqual(Before, CredentialVersion.Of(Jean with { Password = new StoredPassword("other", Start.AddMinutes(1), Temporary: false) }));
    }

    [Fact]
    public void A_new_security_stamp_moves_it()
    {
        Assert.NotEqual(Before, CredentialVersion.Of(Jean.WithNewSecurityStamp()));
    }

    [Fact]
    public void An_authenticator_replaced_moves_it()
    {
        Assert.NotEqual(Before, CredentialVersion.Of(Jean with { TwoFactor = Jean.TwoFactor with { EncryptedTotpSecret = "sealed-2" } }));
    }

    [Fact]
    public void A_phone_added_or_replaced_moves_it()
    {
        Assert.NotEqual(Before, CredentialVersion.Of(Jean with { TwoFactor = Jean.TwoFactor with { Phone = "+15145550199" } }));
    }

    [Fact]
    public void A_passkey_added_moves_it()
    {
        Assert.NotEqual(Before, CredentialVersion.Of(Jean with { TwoFactor = Jean.TwoFactor with { Passkeys = [Laptop] } }));
    }

    [Fact]
    public void A_passkey_removed_moves_it()
    {
        var withTwo = Jean with { TwoFactor = Jean.TwoFactor with { Passkeys = [Laptop, Laptop with { Id = "pk_phone", CredentialId = [2] }] } };

        Assert.NotEqual(CredentialVersion.Of(withTwo), CredentialVersion.Of(withTwo with { TwoFactor = withTwo.TwoFactor with { Passkeys = [Laptop] } }));
    }

    [Fact]
    public void A_passkey_used_or_renamed_leaves_it_standing()
    {
        // Its counter and last use move at every sign-in with it; a name opens nothing.
        var withLaptop = Jean with { TwoFactor = Jean.TwoFactor with { Passkeys = [Laptop] } };
        var used = withLaptop with { TwoFactor = withLaptop.TwoFactor with { Passkeys = [Laptop with { SignCount = 8, LastUsedAt = Start.AddHours(1), Name = "Old laptop" }] } };

        Assert.Equal(CredentialVersion.Of(withLaptop), CredentialVersion.Of(used));
    }

    [Fact]
    public void A_lock_moves_it()
    {
        Assert.NotEqual(Before, CredentialVersion.Of(Jean with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator) }));
    }

    [Fact]
    public void What_a_sign_in_itself_writes_leaves_it_standing()
    {
        // A failure count, an accepted TOTP step, a used recovery code, a rehashed password: not a new credential.
        var afterSignIn = Jean with
        {
            FailedAttempts = new FailedAttempts(2, Start, "203.0.113.7"),
            TwoFactor = Jean.TwoFactor with { TotpLastStep = 42, RecoveryCodes = [new RecoveryCode("h", Start)] },
            Password = Jean.Password! with { Hash = "rehashed" },
        };

        Assert.Equal(Before, CredentialVersion.Of(afterSignIn));
    }
}
