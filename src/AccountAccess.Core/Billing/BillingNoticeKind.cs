namespace AccountAccess.Core.Billing;

/// <summary>The two billing emails: access suspended, and access back.</summary>
public enum BillingNoticeKind
{
    Suspended,
    Restored,
}
