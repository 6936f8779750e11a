namespace AccountAccess.Core.WelcomeKits;

/// <summary>Where an account's welcome kit stands, as support sees it. The wire form is snake_case (<c>being_sent</c>).</summary>
public enum WelcomeKitState
{
    /// <summary>No kit has gone out yet (the schedule sends one to a pending account with an email).</summary>
    NotSent,

    /// <summary>A sender holds the account's link-email claim for an activation link: it is sending a kit now.</summary>
    BeingSent,

    /// <summary>A kit was emailed (<see cref="WelcomeKit.SentAt"/>).</summary>
    Sent,
}
