namespace AccountAccess.Core.Errors;

/// <summary>The outcome of a command that returns a value: the value, or the <see cref="Failure"/> that refused it.</summary>
public readonly struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Failure? failure)
    {
        this.value = value;
        Failure = failure;
    }

    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public T Value => Succeeded ? value! : throw new InvalidOperationException($"The command failed with {Failure!.CodeName}.");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Failure failure) => new(default, failure);

    /// <summary>A success, for values (such as interfaces) that implicit conversions cannot carry.</summary>
    public static Result<T> From(T value) => new(value, null);
}

/// <summary>The outcome of a command that returns nothing: success, or the <see cref="Failure"/> that refused it.</summary>
public readonly struct Result
{
    private Result(Failure? failure) => Failure = failure;

    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public static Result Success => default;

    public static implicit operator Result(Failure failure) => new(failure);
}
