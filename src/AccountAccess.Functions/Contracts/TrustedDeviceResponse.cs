using AccountAccess.Core.Devices;

namespace AccountAccess.Functions.Contracts;

/// <summary>A trusted device as support sees it in the diagnosis: never its token, nor the token's hash.</summary>
public sealed record TrustedDeviceResponse(string Id, DateTimeOffset CreatedAt, DateTimeOffset RenewedAt, DateTimeOffset ExpiresAt, int FailedAttempts, string? FirstIp)
{
    public static TrustedDeviceResponse From(TrustedDevice device) =>
        new(device.Id, device.CreatedAt, device.RenewedAt, device.ExpiresAt, device.FailedAttempts, device.FirstIp);
}
