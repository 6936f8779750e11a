namespace AccountAccess.Core.Diagnosis;

/// <summary>What a finding stands in the way of.</summary>
public enum Blocks
{
    /// <summary>Sign-in is refused: <c>canSignIn</c> is false.</summary>
    SignIn,

    /// <summary>Sign-in works but first asks for something (a new password, a second factor).</summary>
    NextSignIn,

    /// <summary>Getting back in alone: forgot-password (or a welcome kit) cannot reach the person.</summary>
    PasswordReset,

    /// <summary>Nothing yet: a warning for support.</summary>
    Nothing,
}
