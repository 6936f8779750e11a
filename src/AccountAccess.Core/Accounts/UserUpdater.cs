using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// Read–decide–save for one user with ETag optimistic concurrency: loads the user, asks a pure function for the
/// change, saves it with the version it read, and on a lost race reloads and decides again. Concurrent requests
/// (ten wrong passwords at once) therefore never lose an update.
/// </summary>
public sealed class UserUpdater(IUserStore users, TimeProvider time)
{
    /// <summary>Applies <paramref name="decide"/> to the user as stored; a <see cref="Failure"/> from it is returned unchanged and nothing is saved.</summary>
    public Task<Result<User>> UpdateAsync(string userId, Func<User, Result<UserChange>> decide, CancellationToken cancellationToken) =>
        UpdateAsync(userId, first: null, decide, cancellationToken);

    /// <summary>As <see cref="UpdateAsync(string, Func{User, Result{UserChange}}, CancellationToken)"/>, starting from a copy already read (saves a round trip).</summary>
    public Task<Result<User>> UpdateAsync(Versioned<User> alreadyRead, Func<User, Result<UserChange>> decide, CancellationToken cancellationToken) =>
        UpdateAsync(alreadyRead.Value.Id, alreadyRead, decide, cancellationToken);

    private Task<Result<User>> UpdateAsync(string userId, Versioned<User>? first, Func<User, Result<UserChange>> decide, CancellationToken cancellationToken)
    {
        var next = first;
        return OptimisticRetry.RunAsync<Result<User>>(async ct =>
        {
            var current = next ?? await users.GetAsync(userId, ct);
            next = null;
            if (current is null)
            {
                return Failure.Of(ErrorCode.NotFound);
            }

            var decided = decide(current.Value);
            if (!decided.Succeeded)
            {
                return decided.Failure!;
            }

            var change = decided.Value;
            if (change.IsEmpty)
            {
                return change.Updated;
            }

            var saved = await users.SaveAsync(current, change.Updated, change.Events, ct);
            return saved.Value;
        }, time, cancellationToken);
    }
}
