using System.Text.Json.Serialization;

namespace AccountAccess.Core.Organizations;

/// <summary>A documented set of policy values an organization can start from (and still override).</summary>
public enum PolicyPreset
{
    /// <summary>PCI DSS v4.0 requirement 8.3: 12+ characters, last 4 refused, 90-day rotation unless a second factor is used, lock after at most 10 failures for at least 30 minutes.</summary>
    [JsonStringEnumMemberName("pci-dss-4")]
    PciDss4,

    /// <summary>NIST SP 800-63B: 8+ characters (up to 256), no periodic rotation, common passwords refused.</summary>
    [JsonStringEnumMemberName("nist-800-63b")]
    Nist80063B,
}
