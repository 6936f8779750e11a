using AccountAccess.Core.Devices;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// What a sign-in asks for besides the password: the portal it comes from, the app's version, if an app, and the trusted
/// device it comes from, if one of the account's (<see cref="TrustedDevices.Recognize"/>).
/// </summary>
public sealed record SignInAttempt(Portal Portal, AppVersion? AppVersion, TrustedDeviceClaim? Device = null);
