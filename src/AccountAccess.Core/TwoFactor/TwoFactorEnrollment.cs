namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// A user's second factors: an authenticator app (its secret encrypted at rest; pending until confirmed with a first
/// code), a phone for SMS and voice codes, hashed recovery codes and passkeys. <see cref="TotpLastStep"/> is the last time step
/// accepted, so a TOTP code is accepted once.
/// </summary>
public sealed record TwoFactorEnrollment
{
    public static TwoFactorEnrollment None { get; } = new();

    /// <summary>The TOTP secret, encrypted with <c>TwoFactor:EncryptionKey</c> (AES-GCM).</summary>
    public string? EncryptedTotpSecret { get; init; }

    /// <summary>A new authenticator secret (encrypted) awaiting its first code; the current one keeps working meanwhile.</summary>
    public string? PendingTotpSecret { get; init; }

    /// <summary>When the authenticator app was confirmed with a first code.</summary>
    public DateTimeOffset? TotpConfirmedAt { get; init; }

    public long? TotpLastStep { get; init; }

    /// <summary>The phone (E.164) that receives SMS and voice codes, once proven (<see cref="PendingPhone"/>).</summary>
    public string? Phone { get; init; }

    /// <summary>A phone being enrolled: not a factor until the code sent to it is confirmed.</summary>
    public PendingPhone? PendingPhone { get; init; }

    /// <summary>When enrolment codes were sent to phones in the last hour (they cost money: a few an hour).</summary>
    public IReadOnlyList<DateTimeOffset> PhoneCodesSentAt { get; init; } = [];

    public IReadOnlyList<RecoveryCode> RecoveryCodes { get; init; } = [];

    /// <summary>The account's passkeys (at most <see cref="Passkeys.PasskeySettings.MaxPerAccount"/>), oldest first.</summary>
    public IReadOnlyList<Passkeys.Passkey> Passkeys { get; init; } = [];

    public bool HasTotp => EncryptedTotpSecret is not null && TotpConfirmedAt is not null;

    /// <summary>Whether sign-in asks for a second factor: a confirmed authenticator app, a phone or a passkey.</summary>
    public bool IsEnrolled => HasTotp || Phone is not null || Passkeys.Count > 0;
}
