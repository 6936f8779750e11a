namespace AccountAccess.Core.TwoFactor;

/// <summary>Why a second-factor code was refused (API.md <c>invalid_code</c> <c>details.reason</c>).</summary>
public enum InvalidCodeReason
{
    Wrong,

    /// <summary>A newer code was sent for the challenge: only the latest works.</summary>
    Superseded,

    Expired,

    /// <summary>Already accepted once (a TOTP code of an accepted time step, a used recovery code).</summary>
    Reused,
}
