using AccountAccess.Functions.Errors;

namespace AccountAccess.Functions.Contracts;

/// <summary>Required-field checks for request bodies: the first missing field becomes <c>400 invalid_request</c> naming it.</summary>
public static class Require
{
    public static ApiError? Present<T>(T? value, string field) =>
        value is null || value is string { Length: 0 } ? ApiError.InvalidField(field, "is required") : null;

    /// <summary>Passwords longer than this are refused before hashing: PBKDF2 work should not be something a caller can inflate.</summary>
    public const int MaxPasswordInputLength = 1024;

    public static ApiError? PasswordInput(string? value, string field) =>
        value is { Length: > MaxPasswordInputLength } ? ApiError.InvalidField(field, $"at most {MaxPasswordInputLength} characters") : null;

    /// <summary>A password the body must carry: present, and not longer than <see cref="MaxPasswordInputLength"/>.</summary>
    public static ApiError? Password(string? value, string field) => Present(value, field) ?? PasswordInput(value, field);

    /// <summary>A reset or activation link's token is far shorter than this; a longer one is refused before any lookup.</summary>
    public const int MaxLinkTokenLength = 512;

    public static ApiError? LinkToken(string? value, string field) =>
        value is { Length: > MaxLinkTokenLength } ? ApiError.InvalidField(field, $"at most {MaxLinkTokenLength} characters") : null;

    /// <summary>A second-factor code is six digits, a recovery code eleven characters: anything much longer is refused unread.</summary>
    public const int MaxCodeLength = 32;

    public static ApiError? Code(string? value, string field) =>
        value is { Length: > MaxCodeLength } ? ApiError.InvalidField(field, $"at most {MaxCodeLength} characters") : null;

    /// <summary>JSON arrays may hold nulls that C# nullability does not see: refuse them at the door.</summary>
    public static ApiError? NoNulls<T>(IEnumerable<T?>? values, string field) =>
        values is not null && values.Any(v => v is null) ? ApiError.InvalidField(field, "may not contain null") : null;
}
