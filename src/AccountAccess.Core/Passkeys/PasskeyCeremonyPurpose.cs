namespace AccountAccess.Core.Passkeys;

/// <summary>What a passkey ceremony's options were given for: one answers only its own kind.</summary>
public enum PasskeyCeremonyPurpose
{
    /// <summary><c>navigator.credentials.create</c>: a signed-in person adds a passkey.</summary>
    Registration,

    /// <summary><c>navigator.credentials.get</c>: a sign-in with a passkey alone.</summary>
    SignIn,

    /// <summary><c>navigator.credentials.get</c> after the password: the second factor of a sign-in (its two-factor challenge holds the options).</summary>
    SecondFactor,
}
