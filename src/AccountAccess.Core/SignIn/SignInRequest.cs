namespace AccountAccess.Core.SignIn;

/// <summary>A login as typed: username or main email, password, where it comes from, and the device token it carries, if any.</summary>
public sealed record SignInRequest(string Login, string Password, SignInAttempt Attempt, string? DeviceToken = null);
