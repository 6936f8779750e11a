namespace AccountAccess.Core.Devices;

/// <summary>
/// The trusted device a sign-in comes from: its entry, recognized from the token the request carried, and that token —
/// which the second-factor step, recognizing the device through its challenge, does not have.
/// </summary>
public sealed record TrustedDeviceClaim(string DeviceId, string? Token);
