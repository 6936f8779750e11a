using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications;

/// <summary>Second-factor codes by SMS and by voice, in French and English.</summary>
public static class CodeMessages
{
    public static string Sms(string code, Locale locale) => locale == Locale.Fr
        ? $"Votre code de connexion AccountAccess : {code}. Il expire dans 10 minutes. Ne le communiquez à personne."
        : $"Your AccountAccess sign-in code: {code}. It expires in 10 minutes. Do not share it.";

    /// <summary>The code that proves a phone being enrolled reaches its holder (not a sign-in code: it says what it is for).</summary>
    public static string PhoneConfirmation(string code, Locale locale) => locale == Locale.Fr
        ? $"Votre code AccountAccess pour confirmer ce téléphone : {code}. Il expire dans 10 minutes. Si vous n'ajoutez pas ce numéro à votre compte, ignorez ce message."
        : $"Your AccountAccess code to confirm this phone: {code}. It expires in 10 minutes. If you are not adding this number to your account, ignore this message.";

    /// <summary>Read digit by digit, twice, so a voice synthesizer does not say "one hundred twenty-three thousand".</summary>
    public static string Voice(string code, Locale locale)
    {
        var digits = string.Join(", ", code.ToCharArray());
        return locale == Locale.Fr
            ? $"Votre code de connexion est : {digits}. Je répète : {digits}."
            : $"Your sign-in code is: {digits}. I repeat: {digits}.";
    }
}
