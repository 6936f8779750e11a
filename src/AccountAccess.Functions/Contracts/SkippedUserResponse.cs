using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Functions.Contracts;

/// <summary>A user a welcome-kit batch skipped, and why (<c>no_email</c>, <c>already_active</c>, …).</summary>
public sealed record SkippedUserResponse(string UserId, WelcomeKitSkipReason Reason);
