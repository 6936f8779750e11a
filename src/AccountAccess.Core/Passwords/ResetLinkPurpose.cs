namespace AccountAccess.Core.Passwords;

/// <summary>What a one-time link is for: choosing a new password, or the first one (a welcome kit's activation).</summary>
public enum ResetLinkPurpose
{
    Reset,
    Activation,
}
