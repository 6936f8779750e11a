using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Reads the case-specific parts of a <see cref="SignedIn"/> outcome in assertions (null when it is another case).</summary>
public static class SignedInViews
{
    extension(SignedIn signedIn)
    {
        public AccessToken? Token => (signedIn as SignedIn.Granted)?.Token;

        public PasswordChangeReason? ChangeRequired => (signedIn as SignedIn.PasswordChangeRequired)?.Reason;

        public AccessToken? ChangeToken => (signedIn as SignedIn.PasswordChangeRequired)?.ChangeToken;
    }
}
