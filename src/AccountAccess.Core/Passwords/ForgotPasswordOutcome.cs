namespace AccountAccess.Core.Passwords;

/// <summary>
/// What the last forgot-password request did: sent a link, or why it sent nothing (and, when throttled, when requests
/// send again: <see cref="Until"/>).
/// </summary>
public sealed record ForgotPasswordOutcome(DateTimeOffset At, bool Sent, ForgotPasswordRefusal? Refusal, DateTimeOffset? Until = null);
