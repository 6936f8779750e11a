using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DurableTimers;

/// <summary>Counts the warnings and errors the durable engine logs (failed work items, storage trouble), keeping the first few.</summary>
internal sealed class CountingLoggerProvider : ILoggerProvider
{
    private int warnings;
    private int errors;

    public int Warnings => Volatile.Read(ref warnings);

    public int Errors => Volatile.Read(ref errors);

    public ConcurrentQueue<string> First { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CountingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var count = logLevel >= LogLevel.Error ? Interlocked.Increment(ref owner.errors) : Interlocked.Increment(ref owner.warnings);
            if (count <= 3)
            {
                owner.First.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message.Split('\n')[0]}]")}");
            }
        }
    }
}
