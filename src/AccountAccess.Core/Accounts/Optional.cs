namespace AccountAccess.Core.Accounts;

/// <summary>A PATCH field: absent (leave as is) or present, possibly with null (clear it).</summary>
public readonly record struct Optional<T>(bool IsPresent, T Value)
{
    public static Optional<T> Absent => default;

    public static implicit operator Optional<T>(T value) => new(true, value);

    public T Or(T current) => IsPresent ? Value : current;
}
