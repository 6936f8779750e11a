using System.Security.Cryptography;
using System.Text;
using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Checks <c>X-Operator-Key</c> against <c>Operator:ApiKey</c> in constant time. Both sides are hashed first so the
/// comparison takes the same time whatever the length of the guess. With no key configured, nobody is an operator.
/// </summary>
public sealed class OperatorKey(OperatorOptions options)
{
    public const string Header = "X-Operator-Key";

    private readonly byte[]? expected = string.IsNullOrEmpty(options.ApiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey));

    public bool Matches(string presented) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
