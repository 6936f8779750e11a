using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.TwoFactor;

/// <summary>The second-factor methods a user actually has, in the order API.md lists them.</summary>
public static class TwoFactorMethods
{
    public static IReadOnlyList<TwoFactorMethod> Of(User user)
    {
        var enrollment = user.TwoFactor;
        var methods = new List<TwoFactorMethod>();
        if (enrollment.Passkeys.Count > 0)
        {
            methods.Add(TwoFactorMethod.Passkey);
        }

        if (enrollment.HasTotp)
        {
            methods.Add(TwoFactorMethod.Totp);
        }

        if (enrollment.Phone is not null)
        {
            methods.Add(TwoFactorMethod.Sms);
            methods.Add(TwoFactorMethod.Voice);
        }

        // Email is the fallback: offered once a second factor is enrolled and a main email is on file.
        if (enrollment.IsEnrolled && user.Email is not null)
        {
            methods.Add(TwoFactorMethod.Email);
        }

        if (enrollment.RecoveryCodes.Any(c => c.UsedAt is null))
        {
            methods.Add(TwoFactorMethod.RecoveryCode);
        }

        return methods;
    }
}
