namespace AccountAccess.Core.Tests.Fakes;

/// <summary>A send held by <see cref="RecordingEmailSender.HoldNext"/> or <see cref="RecordingEmailSender.DieDuringNext"/>.</summary>
public sealed class HeldEmail(bool? diesAfterDelivering)
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Null: held until released; true or false: the process dies during the send, after or before the email went out.</summary>
    public bool? DiesAfterDelivering { get; } = diesAfterDelivering;

    /// <summary>Completes once the send has begun (and is now held).</summary>
    public Task Reached => reached.Task;

    /// <summary>Lets a held send finish: the email goes out.</summary>
    public void Release() => released.TrySetResult();

    internal void Reach() => reached.TrySetResult();

    internal Task WaitAsync(CancellationToken cancellationToken) => released.Task.WaitAsync(cancellationToken);
}
