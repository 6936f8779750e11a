namespace AccountAccess.Core.Passwords;

/// <summary>
/// The claim the sender of an account's newest reset or activation link holds on the account while it emails that link
/// (<see cref="LinkEmails"/>). While it holds, no other link is issued to the account: no newer link can supersede this one
/// before its email is out, and this email cannot arrive after a newer link's. It ends when the sender records the email
/// as sent or not delivered, or by itself at <see cref="Until"/> when the sender died. The link's id names it.
/// </summary>
public sealed record LinkEmailClaim(string LinkId, ResetLinkPurpose Purpose, DateTimeOffset Until)
{
    public bool IsLiveAt(DateTimeOffset now) => now < Until;
}
