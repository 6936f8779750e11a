using MimeKit;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>A message <see cref="SmtpTestServer"/> accepted: what arrived, who logged in, and whether the session was under TLS.</summary>
public sealed record ReceivedEmail(MimeMessage Message, string? User, bool Secure);
