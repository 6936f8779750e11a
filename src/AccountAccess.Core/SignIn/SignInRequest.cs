namespace AccountAccess.Core.SignIn;

/// <summary>A login as typed: username or main email, password, and where it comes from.</summary>
public sealed record SignInRequest(string Login, string Password, SignInAttempt Attempt);
