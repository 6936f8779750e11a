using MailKit.Net.Smtp;
using MimeKit;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// A few authenticated SMTP connections shared by every sender, so a batch pays one TLS handshake and login per
/// connection instead of per email. Ours rather than a library's: MailKit has no pool, and what is needed is small — a
/// bound on connections in use (<see cref="SmtpOptions.MaxConnections"/>), the idle ones closed after
/// <see cref="SmtpOptions.IdleTimeout"/> (on the injected <see cref="TimeProvider"/>), and a connection the server
/// dropped while it sat idle replaced at once by a fresh one rather than failing the email.
/// </summary>
public sealed class SmtpConnectionPool : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<SmtpClient>> connect;
    private readonly SmtpOptions options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim slots;
    private readonly Stack<(SmtpClient Client, DateTimeOffset IdleSince)> idle = new();
    private readonly ITimer sweeper;
    private bool disposed;

    public SmtpConnectionPool(Func<CancellationToken, Task<SmtpClient>> connect, SmtpOptions options, TimeProvider time)
    {
        this.connect = connect;
        this.options = options;
        this.time = time;
        slots = new SemaphoreSlim(options.MaxConnections, options.MaxConnections);
        var every = options.IdleTimeout / 2;
        sweeper = time.CreateTimer(_ => CloseIdle(), null, every, every);
    }

    /// <summary>How many connections this pool has opened so far (benchmarks, logs).</summary>
    public int Opened { get; private set; }

    /// <summary>How many connections sit idle, ready for the next email.</summary>
    public int Idle
    {
        get
        {
            lock (idle)
            {
                return idle.Count;
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> on an idle connection, or a new one when none is idle. A failure leaves the
    /// connection out of the pool (its state is unknown); it is the caller's to retry (<see cref="SmtpRetries"/>).
    /// </summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await slots.WaitAsync(cancellationToken);
        try
        {
            if (TakeIdle() is { } reused)
            {
                try
                {
                    await reused.SendAsync(message, cancellationToken);
                    GiveBack(reused);
                    return;
                }
                catch (Exception dropped) when (SmtpFailures.IsTransient(dropped) && dropped is not SmtpCommandException)
                {
                    // The server closed it while it sat idle: nothing was sent; a fresh connection tries at once.
                    Discard(reused);
                }
                catch
                {
                    Discard(reused);
                    throw;
                }
            }

            var fresh = await OpenAsync(cancellationToken);
            try
            {
                await fresh.SendAsync(message, cancellationToken);
            }
            catch
            {
                Discard(fresh);
                throw;
            }

            GiveBack(fresh);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Closes the connections idle for <see cref="SmtpOptions.IdleTimeout"/> or more; the timer calls it.</summary>
    public void CloseIdle()
    {
        var now = time.GetUtcNow();
        List<SmtpClient> expired;
        lock (idle)
        {
            var kept = idle.Reverse().ToList();
            expired = kept.Where(e => now - e.IdleSince >= options.IdleTimeout).Select(e => e.Client).ToList();
            idle.Clear();
            foreach (var entry in kept.Where(e => now - e.IdleSince < options.IdleTimeout))
            {
                idle.Push(entry);
            }
        }

        foreach (var client in expired)
        {
            _ = QuitAsync(client);
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        await sweeper.DisposeAsync();
        List<SmtpClient> all;
        lock (idle)
        {
            all = idle.Select(e => e.Client).ToList();
            idle.Clear();
        }

        await Task.WhenAll(all.Select(QuitAsync));
    }

    private async Task<SmtpClient> OpenAsync(CancellationToken cancellationToken)
    {
        var client = await connect(cancellationToken);
        lock (idle)
        {
            Opened++;
        }

        return client;
    }

    private SmtpClient? TakeIdle()
    {
        lock (idle)
        {
            while (idle.TryPop(out var entry))
            {
                if (entry.Client.IsConnected && time.GetUtcNow() - entry.IdleSince < options.IdleTimeout)
                {
                    return entry.Client;
                }

                Discard(entry.Client);
            }
        }

        return null;
    }

    private void GiveBack(SmtpClient client)
    {
        if (!client.IsConnected || disposed)
        {
            Discard(client);
            return;
        }

        lock (idle)
        {
            idle.Push((client, time.GetUtcNow()));
        }
    }

    private static void Discard(SmtpClient client) => client.Dispose();

    /// <summary>A polite QUIT; a server already gone is no error.</summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.DisconnectAsync(quit: true, bounded.Token);
        }
        catch (Exception gone) when (gone is IOException or OperationCanceledException or MailKit.ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException)
        {
            // Nothing to close any more.
        }
        finally
        {
            client.Dispose();
        }
    }
}
