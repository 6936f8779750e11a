using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// A link just issued by <see cref="LinkEmails.Issue"/>: its token (the only place the secret exists: it goes in the email,
/// never in storage or a log), the link as stored, and the change that saves it with its <see cref="LinkEmailClaim"/>.
/// </summary>
public sealed record IssuedLink(string Token, ResetLink Link, UserChange Change)
{
    public LinkEmailClaim Claim => Change.Updated.LinkEmailClaim!;

    public override string ToString() => $"IssuedLink {{ LinkId = {Link.LinkId} }}";
}
