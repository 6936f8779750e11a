namespace AccountAccess.Core.SignIn;

/// <summary>What a sign-in asks for besides the password: the portal it comes from and the app's version, if an app.</summary>
public sealed record SignInAttempt(Portal Portal, AppVersion? AppVersion);
