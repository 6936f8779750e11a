namespace AccountAccess.Core.Passwords;

/// <summary>What the last forgot-password request did: sent a link, or why it sent nothing.</summary>
public sealed record ForgotPasswordOutcome(DateTimeOffset At, bool Sent, ForgotPasswordRefusal? Refusal);
