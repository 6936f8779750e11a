namespace AccountAccess.Core.Passwords;

/// <summary>
/// What the last forgot-password request did: sent a link, or why it sent nothing (and, when throttled, when requests
/// send again: <see cref="Until"/>). <see cref="EmailedAt"/> is when the link's email went out: null until then, and
/// for good when the mail server refused it (then <c>reset_link_not_sent</c> is on record).
/// </summary>
public sealed record ForgotPasswordOutcome(DateTimeOffset At, bool Sent, ForgotPasswordRefusal? Refusal, DateTimeOffset? Until = null)
{
    public DateTimeOffset? EmailedAt { get; init; }

    /// <summary>
    /// Whether a request made at <paramref name="requestedAt"/> has its answer already in this outcome: a refusal decided
    /// after it was made, or a reset email that went out after it was made. A queue delivers at least once, so a request
    /// handled but not yet taken off the queue when its process died comes again; and of two clicks, the second finds the
    /// first's email on its way (<see cref="LinkEmails"/>), comes back once it is out, and is answered by it. A link recorded
    /// but not emailed (the process died in between, or the mail server refused it) is no answer: the request is handled
    /// again, and the unsent link superseded.
    /// </summary>
    public bool Answers(DateTimeOffset requestedAt) => Sent ? EmailedAt > requestedAt : At > requestedAt;
}
