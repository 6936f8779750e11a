using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Records the forgot-password requests queued, in order, for a test to handle as the queue function would.</summary>
public sealed class RecordingForgotPasswordQueue : IForgotPasswordQueue
{
    public List<ForgotPasswordRequest> Queued { get; } = [];

    public Task EnqueueAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        Queued.Add(request);
        return Task.CompletedTask;
    }
}
