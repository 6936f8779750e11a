

namespace AccountAccess.Core.Errors;

/// <summary>Why a command was refused: an <see cref="ErrorCode"/> and the details the caller may see.</summary>
public sealed record Failure(ErrorCode Code, IReadOnlyDictionary<string, object?> Details)
{
    private static readonly IReadOnlyDictionary<string, object?> NoDetails = new Dictionary<string, object?>();

    /// <summary>The wire form of <see cref="Code"/>: <c>invalid_credentials</c>.</summary>
    public string CodeName => NameOf(Code);

    public static Failure Of(ErrorCode code) => new(code, NoDetails);

    public static Failure Of(ErrorCode code, params (string Key, object? Value)[] details) =>
        new(code, details.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value));

    /// <summary>400 <c>invalid_request</c> naming the one field at fault.</summary>
    public static Failure InvalidField(string field, string problem) =>
        Of(ErrorCode.InvalidRequest, ("field", field), ("problem", problem));

    public static string NameOf(ErrorCode code) => code.ToSnakeCase();
}
