namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>Polls a condition that a background function makes true, with a bounded wait (never a fixed long sleep).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("The condition did not become true in time.");
            }

            await Task.Delay(200);
        }
    }
}
