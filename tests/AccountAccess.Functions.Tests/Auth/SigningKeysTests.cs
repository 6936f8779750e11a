using System.Security.Cryptography;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Moq;

namespace AccountAccess.Functions.Tests.Auth;

/// <summary><c>Auth:SigningKeys</c>: PEM EC P-256 keys, blank-line separated or numbered; the first signs, all are published.</summary>
public sealed class SigningKeysTests
{
    private static readonly IHostEnvironment Production = Mock.Of<IHostEnvironment>(e => e.EnvironmentName == Environments.Production);

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    [Fact]
    public void Keys_separated_by_a_blank_line_are_all_published_and_the_first_signs()
    {
        var (first, second) = (SigningKeys.GeneratePem(), SigningKeys.GeneratePem());

        var keys = SigningKeys.From(Settings(("Auth:SigningKeys", first + "\n\n" + second)), UnitApp.Development);

        Assert.Equal(2, keys.Published.Count);
        Assert.Equal(SigningKeys.FromPem([first]).All[0].KeyId, keys.Credentials.Key.KeyId);
        Assert.Equal(SigningKeys.FromPem([second]).All[0].KeyId, keys.Published[1].Kid);
    }

    [Fact]
    public void Numbered_keys_are_taken_in_their_order()
    {
        var (first, second) = (SigningKeys.GeneratePem(), SigningKeys.GeneratePem());

        var keys = SigningKeys.From(Settings(("Auth:SigningKeys:1", second), ("Auth:SigningKeys:0", first)), UnitApp.Development);

        Assert.Equal(SigningKeys.FromPem([first]).All[0].KeyId, keys.Credentials.Key.KeyId);
        Assert.Equal(2, keys.All.Count);
    }

    [Fact]
    public void A_keys_id_is_its_RFC_7638_thumbprint_the_same_wherever_it_is_configured()
    {
        var pem = SigningKeys.GeneratePem();
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        var point = key.ExportParameters(false).Q;
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(point.X)}}","y":"{{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(point.Y)}}"}""";

        var published = SigningKeys.FromPem([pem]).Published.Single();

        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))), published.Kid);
    }

    [Fact]
    public void The_published_key_holds_the_public_point_only()
    {
        var published = SigningKeys.FromPem([SigningKeys.GeneratePem()]).Published.Single();

        Assert.Equal(("EC", "P-256", "sig", "ES256"), (published.Kty, published.Crv, published.Use, published.Alg));
        Assert.DoesNotContain("\"d\"", System.Text.Json.JsonSerializer.Serialize(published), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_on_another_curve_is_refused_naming_the_setting()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var refused = Assert.Throws<InvalidOperationException>(() => SigningKeys.FromPem([p384.ExportPkcs8PrivateKeyPem()]));

        Assert.Contains("Auth:SigningKeys", refused.Message, StringComparison.Ordinal);
        Assert.Contains("P-256", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_holds_no_key_is_refused_naming_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SigningKeys.From(Settings(("Auth:SigningKeys", "not a key")), UnitApp.Development));

        Assert.Contains("Auth:SigningKeys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_key_given_twice_is_refused()
    {
        var pem = SigningKeys.GeneratePem();

        Assert.Throws<InvalidOperationException>(() => SigningKeys.FromPem([pem, pem]));
    }

    [Fact]
    public void Production_refuses_to_start_without_a_key()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SigningKeys.From(Settings(), Production));

        Assert.Contains("Auth:SigningKeys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_production_a_missing_key_is_generated_and_said_to_be()
    {
        var keys = SigningKeys.From(Settings(), UnitApp.Development);

        Assert.True(keys.Generated);
        Assert.Single(keys.Published);
    }
}
