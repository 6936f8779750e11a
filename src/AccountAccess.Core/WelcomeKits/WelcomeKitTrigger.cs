namespace AccountAccess.Core.WelcomeKits;

/// <summary>What asked for a welcome kit. The wire form is snake_case (<c>one_click</c>).</summary>
public enum WelcomeKitTrigger
{
    /// <summary>An administrator or operator, for one user (POST /api/users/{id}/welcome-kit).</summary>
    OneClick,

    /// <summary>An administrator or operator, for members of an organization (POST /api/organizations/{id}/welcome-kits).</summary>
    Batch,

    /// <summary>The welcome-kit timer, for every pending account with an email that never got one.</summary>
    Schedule,
}
