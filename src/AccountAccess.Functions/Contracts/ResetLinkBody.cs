namespace AccountAccess.Functions.Contracts;

/// <summary>A reset or activation link's token, in a body rather than a URL so that no log records it.</summary>
public sealed record ResetLinkBody(string? Token);
