namespace AccountAccess.Core.Passwords;

/// <summary>Why a reset or activation link no longer works (API.md <c>reset_link_invalid</c> <c>details.reason</c>).</summary>
public enum ResetLinkProblem
{
    Expired,

    /// <summary>A newer link was sent: only the latest works.</summary>
    Superseded,

    Used,

    /// <summary>Not a link we issued (or tampered with).</summary>
    Unknown,
}
