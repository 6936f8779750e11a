namespace AccountAccess.Core.SignIn;

/// <summary>The restricted tokens sign-in hands out before full access, each good for one thing only.</summary>
public enum TokenPurpose
{
    /// <summary>Replace an expired or temporary password (POST /api/password/change).</summary>
    PasswordChange,

    /// <summary>Enrol a second factor the organization requires (POST /api/account/2fa/…).</summary>
    TwoFactorEnrollment,
}
