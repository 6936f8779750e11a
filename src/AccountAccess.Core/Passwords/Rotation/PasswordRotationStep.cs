namespace AccountAccess.Core.Passwords.Rotation;

/// <summary>
/// What a rotation step did (<see cref="Outcome"/>) and what to wait for next (<see cref="Next"/>; null when nothing is
/// left: rotation is off, the password expired, the user is gone).
/// </summary>
public sealed record PasswordRotationStep(string Outcome, PasswordRotationPlan? Next)
{
    public const string Rotating = "rotating";
    public const string NoPassword = "no_password";
    public const string RotationOff = "rotation_off";
    public const string UserGone = "user_gone";
    public const string ReminderSent = "sent";
    public const string NoEmail = "no_email";
    public const string AlreadyReminded = "already_reminded";
    public const string Expired = "expired";
    public const string NotYet = "not_yet";
    public const string PolicyChanged = "policy_changed";
    public const string PasswordChanged = "password_changed";
}
