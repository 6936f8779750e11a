namespace AccountAccess.Core.Billing;

/// <summary>
/// The result of checking a webhook signature. Every outcome but <see cref="Valid"/> is answered 401
/// <c>invalid_signature</c> alike; the distinction is for the operator's log only.
/// </summary>
public enum SignatureCheck
{
    Valid,
    NoSecretConfigured,
    Missing,
    Malformed,
    OutsideTolerance,
    Mismatch,
}
