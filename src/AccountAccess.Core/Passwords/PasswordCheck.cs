namespace AccountAccess.Core.Passwords;

/// <summary>The result of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    Wrong,
    Correct,

    /// <summary>Correct, but hashed with older parameters: store a new hash.</summary>
    CorrectButRehashNeeded,
}
