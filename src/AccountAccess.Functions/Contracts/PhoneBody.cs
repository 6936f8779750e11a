namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/account/2fa/phone: the phone to prove, and the password when a second factor is enrolled already (step-up).</summary>
public sealed record PhoneBody(string? Phone, string? Password = null);
