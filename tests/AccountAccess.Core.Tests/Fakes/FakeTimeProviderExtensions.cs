using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

public static class FakeTimeProviderExtensions
{
    /// <summary>
    /// Awaits <paramref name="task"/>, moving fake time forward in small steps while it waits on a fake timer
    /// (the back-off of an optimistic-concurrency retry), so a retry completes without any real wait on the clock.
    /// </summary>
    public static async Task<T> AdvanceUntilDoneAsync<T>(this FakeTimeProvider time, Task<T> task)
    {
        await time.AdvanceUntilDoneAsync((Task)task);
        return await task;
    }

    /// <inheritdoc cref="AdvanceUntilDoneAsync{T}"/>
    public static async Task AdvanceUntilDoneAsync(this FakeTimeProvider time, Task task)
    {
        for (var step = 0; !task.IsCompleted; step++)
        {
            if (step > 1000)
            {
                throw new TimeoutException("The operation did not complete while fake time advanced.");
            }

            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5)));
        }

        await task;
    }
}
