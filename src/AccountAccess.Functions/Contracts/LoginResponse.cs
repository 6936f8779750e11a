using AccountAccess.Core.Accounts;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Functions.Contracts;

/// <summary>A sign-in's 200 answer. <c>status</c> is <c>ok</c> here; later rows of the table add other statuses.</summary>
public sealed record LoginResponse(string Status, string AccessToken, DateTimeOffset ExpiresAt, SignedInUser User)
{
    public static LoginResponse From(SignedIn signedIn) => new(
        "ok",
        signedIn.Token!.Value,
        signedIn.Token.ExpiresAt,
        new SignedInUser(signedIn.User.Id, signedIn.User.DisplayName, signedIn.Grant.Role, signedIn.Grant.OrganizationIds));
}

/// <summary>A sign-in's 200 answer when the password must be replaced first (expired or temporary).</summary>
public sealed record PasswordChangeRequiredResponse(string Status, PasswordChangeReason Reason, string ChangeToken, DateTimeOffset ChangeTokenExpiresAt)
{
    public static PasswordChangeRequiredResponse From(SignedIn signedIn) =>
        new("password_change_required", signedIn.ChangeRequired!.Value, signedIn.ChangeToken!.Value, signedIn.ChangeToken.ExpiresAt);
}

public sealed record SignedInUser(string Id, string DisplayName, Role Role, IReadOnlyList<string> OrganizationIds);
