namespace AccountAccess.Core.TwoFactor;

/// <summary>The limits of second-factor challenges (API.md "POST /api/auth/2fa/…").</summary>
public sealed record TwoFactorSettings
{
    /// <summary>How long a challenge and each code sent for it live. Defaults to ten minutes.</summary>
    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes that end a challenge. Defaults to 5.</summary>
    public int MaxWrongCodes { get; init; } = 5;

    /// <summary>Codes one challenge may send (SMS, calls and emails cost money and annoy). Defaults to 5.</summary>
    public int MaxCodesSent { get; init; } = 5;

    /// <summary>How many recovery codes enrolment gives. Defaults to 10.</summary>
    public int RecoveryCodes { get; init; } = 10;
}
