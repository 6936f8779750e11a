using AccountAccess.Core.Accounts;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.TwoFactor;

/// <summary>The second-factor methods a user actually has, in the order API.md lists them.</summary>
public static class TwoFactorMethods
{
    /// <summary>
    /// The methods of <paramref name="user"/>, a member of <paramref name="memberOf"/>. Email only where every organization's
    /// policy says <see cref="OrganizationPolicy.EmailSecondFactor"/>: the mailbox already resets the password, so by default
    /// it is not a second factor (NIST SP 800-63B 5.1.3.1).
    /// </summary>
    public static IReadOnlyList<TwoFactorMethod> Of(User user, IReadOnlyList<Organization> memberOf)
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

        if (enrollment.IsEnrolled && user.Email is not null && EmailAllowed(memberOf))
        {
            methods.Add(TwoFactorMethod.Email);
        }

        if (enrollment.RecoveryCodes.Any(c => c.UsedAt is null))
        {
            methods.Add(TwoFactorMethod.RecoveryCode);
        }

        return methods;
    }

    /// <summary>Whether email may be a second factor for a member of <paramref name="memberOf"/>: only if every organization says so.</summary>
    public static bool EmailAllowed(IReadOnlyList<Organization> memberOf) =>
        memberOf.Count > 0 && memberOf.All(o => o.Policy.EmailSecondFactor);
}
