using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Functions.Support;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// API.md's <c>{canSignIn, blockers:[{code, since, message, remedy}], events}</c>, with what support asks next: which
/// portal was checked, whether forgot-password would work, the second factor, the last forgot-password request, the
/// failed attempts and the trusted devices (which a lock for too many attempts does not keep out).
/// </summary>
public sealed record DiagnosisResponse(
    string UserId,
    string Username,
    AccountStatus Status,
    Portal Portal,
    bool CanSignIn,
    bool CanResetPassword,
    IReadOnlyList<BlockerResponse> Blockers,
    TwoFactorDiagnosis TwoFactor,
    ForgotPasswordDiagnosis? LastForgotPassword,
    FailedAttemptsResponse FailedAttempts,
    IReadOnlyList<TrustedDeviceResponse> TrustedDevices,
    IReadOnlyList<AuditEventResponse> Events)
{
    public static DiagnosisResponse From(AccountDiagnosis diagnosis, DateTimeOffset now, CultureInfo culture)
    {
        var user = diagnosis.User;
        return new DiagnosisResponse(
            user.Id,
            user.Username,
            user.StatusAt(now),
            diagnosis.Portal,
            diagnosis.CanSignIn,
            diagnosis.CanResetPassword,
            diagnosis.Blockers.Select(b => new BlockerResponse(
                b.Code, b.Blocks, b.Since, DiagnosisTexts.MessageOf(b, culture), DiagnosisTexts.RemedyOf(b, culture), b.Remedy, b.Details)).ToList(),
            new TwoFactorDiagnosis(
                user.TwoFactor.IsEnrolled,
                diagnosis.SecondFactorMethods,
                diagnosis.Decision.SecondFactorRequiredByPolicy,
                user.TwoFactor.RecoveryCodes.Count(c => c.UsedAt is null)),
            user.LastForgotPassword is { } forgot ? new ForgotPasswordDiagnosis(forgot.At, forgot.Sent, forgot.Refusal, forgot.EmailedAt) : null,
            new FailedAttemptsResponse(user.FailedAttempts.Count, user.FailedAttempts.LastAt, user.FailedAttempts.LastIp),
            user.TrustedDevices.Where(d => d.IsValidAt(now)).OrderByDescending(d => d.RenewedAt).Select(TrustedDeviceResponse.From).ToList(),
            diagnosis.Events.Select(AuditEventResponse.From).ToList());
    }
}

/// <summary>One blocker: <c>message</c> says what the person meets, <c>remedy</c> who can fix it and how.</summary>
public sealed record BlockerResponse(
    BlockerCode Code, Blocks Blocks, DateTimeOffset? Since, string Message, string Remedy, Remedy RemedyCode, IReadOnlyDictionary<string, string> Details);

public sealed record TwoFactorDiagnosis(bool Enrolled, IReadOnlyList<TwoFactorMethod> Methods, bool RequiredByPolicy, int RecoveryCodesLeft);

public sealed record ForgotPasswordDiagnosis(DateTimeOffset At, bool Sent, ForgotPasswordRefusal? Reason, DateTimeOffset? EmailedAt);
