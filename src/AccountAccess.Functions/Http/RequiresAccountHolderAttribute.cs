namespace AccountAccess.Functions.Http;

/// <summary>
/// The function changes the caller's own account (API.md "Two-factor enrolment"): <c>401 unauthorized</c> without a valid
/// access token — or, with <see cref="AllowEnrollmentToken"/>, the enrolment token of a <c>two_factor_enrollment_required</c>
/// sign-in — checked before any body is read. The holder is then <see cref="Hosting.HttpContextExtensions.AccountHolder"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresAccountHolderAttribute : Attribute
{
    public bool AllowEnrollmentToken { get; init; }
}
