namespace AccountAccess.Core.Passwords;

/// <summary>
/// What handling one forgot-password request did (<see cref="PasswordReset.ForgotAsync(string, RequestContext, DateTimeOffset, CancellationToken)"/>).
/// Never told to the requester, who was answered the same 202 before; it tells the queue function whether to come back.
/// </summary>
public abstract record ForgotPasswordResult
{
    /// <summary>A new reset link was issued and emailed; it superseded every earlier one.</summary>
    public sealed record Sent(string LinkId) : ForgotPasswordResult;

    /// <summary>A new link was issued but the mail server did not take its email (<c>reset_link_not_sent</c> on record).</summary>
    public sealed record NotDelivered : ForgotPasswordResult;

    /// <summary>A reset email that went out after the request was made answers it (a redelivery, or a second click): nothing more is sent.</summary>
    public sealed record Answered : ForgotPasswordResult;

    /// <summary>No account has this login, or it must not get a link (<paramref name="Reason"/> on its record; null for no account).</summary>
    public sealed record Refused(ForgotPasswordRefusal? Reason) : ForgotPasswordResult;

    /// <summary>
    /// Another sender is emailing the account a link, until <paramref name="Until"/> at the latest: the request must be
    /// handled again after that, when that email either answers it or never went out.
    /// </summary>
    public sealed record Busy(DateTimeOffset Until) : ForgotPasswordResult;
}
