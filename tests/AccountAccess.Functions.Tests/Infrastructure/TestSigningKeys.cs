using AccountAccess.Functions.Auth;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>The EC P-256 key test apps sign with (<c>Auth:SigningKeys</c>), made once per test run.</summary>
public static class TestSigningKeys
{
    /// <summary>The PEM of the key every <see cref="RunningApp"/> and <see cref="UnitApp"/> signs with unless told otherwise.</summary>
    public static string AppKey { get; } = SigningKeys.GeneratePem();
}
