namespace AccountAccess.Functions.Contracts;

/// <summary>The recovery codes, shown this once.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
