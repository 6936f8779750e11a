namespace AccountAccess.Core.WelcomeKits;

/// <summary>Why a user gets no welcome kit. The wire form is snake_case (<c>no_email</c>), in <c>details.reason</c> and in batch answers.</summary>
public enum WelcomeKitSkipReason
{
    /// <summary>The user is not a member of the organization the batch is for (or does not exist).</summary>
    NotAMember,

    /// <summary>The account already has a password: "forgot password" is the way back in.</summary>
    AlreadyActive,

    /// <summary>Deactivated (including merged into another account).</summary>
    Deactivated,

    /// <summary>Invisible accounts get no email, as with forgot-password.</summary>
    Invisible,

    /// <summary>The departure date has passed.</summary>
    Departed,

    NoEmail,

    /// <summary>The organization (every organization, outside a batch) revoked the member's access.</summary>
    AccessRevoked,

    /// <summary>
    /// The kit could not be emailed however often the queue delivered it (the relay refused it each time): the message went
    /// to the poison queue. Never a reason not to send; only what a batch records when the queue gives up.
    /// </summary>
    DeliveryFailed,
}
