using System.Globalization;
using System.Resources;

namespace AccountAccess.Functions.Errors;

/// <summary>Messages that are not errors, in English and French (Resources/UserMessages*.resx).</summary>
public static class UserMessages
{
    private static readonly ResourceManager Messages = new("AccountAccess.Functions.Resources.UserMessages", typeof(UserMessages).Assembly);

    public static string ForgotPasswordAccepted(CultureInfo culture) => Messages.GetString("forgot_password_accepted", culture)!;
}
