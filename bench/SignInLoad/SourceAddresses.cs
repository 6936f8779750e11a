using System.Net;
using System.Net.Sockets;

namespace SignInLoad;

/// <summary>
/// HTTP clients whose connections leave from a chosen loopback address: Linux routes the whole 127.0.0.0/8 to <c>lo</c>,
/// so a client bound to 127.1.x.y reaches the app on 127.0.0.1 and the app sees 127.1.x.y as the source IP — many
/// "attackers" and "employees" on one machine, without X-Forwarded-For (which an attacker would not get to choose).
/// Loopback only: the app's URL must be a loopback address.
/// </summary>
internal static class SourceAddresses
{
    /// <summary>The <paramref name="index"/>-th address of the 127.<paramref name="network"/>.0.0/16 block (x.y with y in 1..250).</summary>
    public static IPAddress Of(int network, int index) =>
        new([127, (byte)network, (byte)(index / 250 % 256), (byte)(index % 250 + 1)]);

    public static HttpClient BoundTo(Uri url, IPAddress source, TimeSpan timeout, int maxConnections = int.MaxValue)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(url.Host)))
        {
            throw new ArgumentException($"The many-IP load runs on loopback only; {url} is not.");
        }

        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = maxConnections,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = url, Timeout = timeout };
    }
}
