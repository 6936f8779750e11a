namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>What <see cref="SmtpTestServer"/> does instead of accepting a message, for the retry and pool tests.</summary>
public enum SmtpFault
{
    /// <summary>Answers the message with <c>451 try again later</c> (transient).</summary>
    TryAgainLater,

    /// <summary>Hangs up once the message has been sent, without answering (transient: nothing was accepted).</summary>
    DropConnection,

    /// <summary>Answers <c>550 mailbox unavailable</c> (permanent).</summary>
    MailboxUnavailable,
}
