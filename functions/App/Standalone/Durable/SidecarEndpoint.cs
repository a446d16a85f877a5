using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace Delivery.Functions.App.Standalone.Durable;

/// <summary>
/// The gRPC channel the SDK client and worker use to reach the in-process sidecar, whose port is only known once
/// the sidecar listens.
/// </summary>
/// <remarks>
/// The SDK reads its channel when the worker and client are constructed, which happens before any hosted service
/// starts, yet the sidecar binds port 0 and learns its real port only on start (so no other process can take it in
/// between). The channel therefore names a placeholder address and connects through a callback that dials whatever
/// port the sidecar reported; the same technique the gRPC docs use for Unix domain sockets.
/// </remarks>
internal sealed class SidecarEndpoint : IAsyncDisposable
{
    private volatile int _port;

    public SidecarEndpoint()
    {
        Channel = GrpcChannel.ForAddress("http://127.0.0.1", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = ConnectAsync,

                // The worker holds a long-lived work-item stream; extra connections keep client calls from queuing
                // behind it when HTTP/2 stream limits are reached.
                EnableMultipleHttp2Connections = true,
            },
            DisposeHttpClient = true,
        });
    }

    public GrpcChannel Channel { get; }

    /// <summary>The port the sidecar listens on, or 0 when it is not listening.</summary>
    public int Port
    {
        get => _port;
        set => _port = value;
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.ShutdownAsync().ConfigureAwait(false);
        Channel.Dispose();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var port = _port;
        if (port == 0)
        {
            throw new HttpRequestException("The standalone durable sidecar is not listening (the engine has not started, or has stopped).");
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
