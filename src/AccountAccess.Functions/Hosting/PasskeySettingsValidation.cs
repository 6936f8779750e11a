using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using Microsoft.Extensions.Options;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Refuses, at start-up, a relying party that browsers would refuse (<see cref="PasskeySettings.Problems"/>: an IP address,
/// an origin in clear outside localhost, an id that is not above every origin), naming the key at fault. Its defaults come
/// from <c>Links:PublicBaseUrl</c>, so it is checked against the bound <see cref="PasswordSettings"/>.
/// </summary>
public sealed class PasskeySettingsValidation(IOptions<PasswordSettings> passwords) : IValidateOptions<PasskeySettings>
{
    public ValidateOptionsResult Validate(string? name, PasskeySettings options)
    {
        string publicBaseUrl;
        try
        {
            publicBaseUrl = passwords.Value.PublicBaseUrl;
        }
        catch (OptionsValidationException)
        {
            // The password settings are refused themselves, naming their key: nothing to add here.
            return ValidateOptionsResult.Skip;
        }

        var problems = options.Problems(publicBaseUrl).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
