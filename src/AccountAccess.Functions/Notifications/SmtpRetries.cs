using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// The retry pipeline around one SMTP send (Polly v8): transient failures (<see cref="SmtpFailures"/>) are tried again
/// after an exponential, jittered delay on the injected <see cref="TimeProvider"/> — so tests advance a
/// <c>FakeTimeProvider</c> instead of waiting. <c>Email:Smtp:MaxRetries</c> × <c>RetryDelay</c> keeps the whole in
/// seconds: a queue-driven send that still fails goes back to its queue, whose redelivery rides out longer outages.
/// </summary>
public static class SmtpRetries
{
    public static ResiliencePipeline Pipeline(SmtpOptions options, TimeProvider time, ILogger? logger = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(SmtpFailures.IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = retry =>
                {
                    (logger ?? NullLogger.Instance).LogWarning(retry.Outcome.Exception,
                        "SMTP send failed transiently (attempt {Attempt}); retrying in {Delay}", retry.AttemptNumber + 1, retry.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }
}
