using Microsoft.Extensions.Options;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Refuses, at start-up, SMTP settings that would send a reset link in clear to another machine or fail at the first
/// email (<see cref="SmtpOptions.Problem"/>), naming the key at fault.
/// </summary>
public sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
        options.Smtp.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
