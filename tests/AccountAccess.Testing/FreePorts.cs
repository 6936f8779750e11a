using System.Net;
using System.Net.Sockets;

namespace AccountAccess.Testing;

/// <summary>A loopback port free now, for a server a test starts that cannot pick its own (a fixed default would collide across parallel test classes).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
