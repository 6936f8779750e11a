namespace AccountAccess.Core.SignIn;

/// <summary>
/// Whether a sign-in request comes from one of the account's trusted devices (it carried a valid device token for the
/// account it names). Decided before the hash, from the request and the account alone, so the budgets and the hash queue
/// can treat the two apart; an unknown login is always untrusted, like a known one without a token.
/// </summary>
public enum SignInTrust
{
    Untrusted,
    TrustedDevice,
}
