namespace AccountAccess.Core.Accounts;

/// <summary>The languages messages exist in.</summary>
public enum Locale
{
    En,
    Fr,
}
