using System.Text;
using AccountAccess.Core.Billing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Billing;

public class BillingSignatureTests
{
    private const string Secret = "whsec_current";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"id":"evt_1","type":"invoice.overdue","organizationId":"org_a","invoiceId":"inv_1","occurredAt":"2026-03-10T12:00:00+00:00"}""");

    private static SignatureCheck Check(string? header, string? secret = Secret, byte[]? body = null) =>
        BillingSignature.Check(header, body ?? Body, secret, Start);

    [Fact]
    public void The_tolerance_is_five_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), BillingSignature.Tolerance);
    }

    [Fact]
    public void A_header_signed_with_the_secret_is_valid()
    {
        var header = BillingSignature.Sign(Secret, Start, Body);

        Assert.Equal(SignatureCheck.Valid, Check(header));
    }

    [Fact]
    public void The_header_has_the_timestamp_and_a_lowercase_hex_hmac()
    {
        var header = BillingSignature.Sign(Secret, Start, Body);

        Assert.Matches($"^t={Start.ToUnixTimeSeconds()},v1=[0-9a-f]{{64}}$", header);
    }

    [Fact]
    public void A_header_signed_with_another_secret_is_a_mismatch()
    {
        var header = BillingSignature.Sign("whsec_someone_else", Start, Body);

        Assert.Equal(SignatureCheck.Mismatch, Check(header));
    }

    [Fact]
    public void A_body_changed_after_signing_is_a_mismatch()
    {
        var header = BillingSignature.Sign(Secret, Start, Body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("invoice.overdue", "invoice.paid", StringComparison.Ordinal));

        Assert.Equal(SignatureCheck.Mismatch, Check(header, body: tampered));
    }

    [Fact]
    public void A_timestamp_changed_after_signing_is_a_mismatch()
    {
        var captured = BillingSignature.Sign(Secret, Start - TimeSpan.FromHours(1), Body);
        var signature = captured[captured.IndexOf(",v1=", StringComparison.Ordinal)..];

        Assert.Equal(SignatureCheck.Mismatch, Check($"t={Start.ToUnixTimeSeconds()}{signature}"));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(+301)]
    public void A_timestamp_more_than_five_minutes_away_is_outside_the_tolerance(int offsetSeconds)
    {
        var header = BillingSignature.Sign(Secret, Start + TimeSpan.FromSeconds(offsetSeconds), Body);

        Assert.Equal(SignatureCheck.OutsideTolerance, Check(header));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(+300)]
    public void A_timestamp_exactly_five_minutes_away_is_still_valid(int offsetSeconds)
    {
        var header = BillingSignature.Sign(Secret, Start + TimeSpan.FromSeconds(offsetSeconds), Body);

        Assert.Equal(SignatureCheck.Valid, Check(header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_header_is_missing(string? header)
    {
        Assert.Equal(SignatureCheck.Missing, Check(header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_configured_secret_nothing_is_valid(string? secret)
    {
        var header = BillingSignature.Sign(Secret, Start, Body);

        Assert.Equal(SignatureCheck.NoSecretConfigured, Check(header, secret));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1")]
    [InlineData("v1=zz")]
    [InlineData("t=1773144000,v1=zz")]
    [InlineData("t=1773144000,v1=abc")]
    [InlineData("t=,v1=00")]
    [InlineData("=1773144000,v1=00")]
    [InlineData("t=-1,v1=00")]
    [InlineData("t=+1773144000,v1=00")]
    [InlineData("t=99999999999999999999,v1=00")]
    [InlineData("t=9223372036854775807,v1=00")]
    [InlineData("t=253402300800,v1=00")]
    public void A_malformed_header_is_malformed_and_never_throws(string header)
    {
        Assert.Equal(SignatureCheck.Malformed, Check(header));
    }

    [Fact]
    public void During_a_secret_rotation_a_second_v1_that_matches_is_valid()
    {
        var withOldSecret = BillingSignature.Sign("whsec_previous", Start, Body);
        var withNewSecret = BillingSignature.Sign(Secret, Start, Body);
        var header = withOldSecret + withNewSecret[withNewSecret.IndexOf(",v1=", StringComparison.Ordinal)..];

        Assert.Equal(SignatureCheck.Valid, Check(header));
    }
}
