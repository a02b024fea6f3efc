package io.streambus.it.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * A TCP proxy on 127.0.0.1 that understands just enough of Kafka's framing to drop chosen responses: it
 * remembers the API key of each request by correlation id, and swallows the next {@link #dropResponses}
 * responses to a given API. The client then times out and retries on a new connection, while the broker
 * has already done the work: that is how a duplicate reaches the broker.
 *
 * <p>Threads: one accept thread; two threads per proxied connection, one per direction. The target port is
 * set once the broker is up (the broker must advertise the proxy's port, so the proxy starts first).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger responsesToDrop = new AtomicInteger();
    private final AtomicInteger droppedResponses = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ApiKeys dropApi;
    private volatile int targetPort;

    public TcpProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void targetPort(int port) {
        this.targetPort = port;
    }

    /** Swallows the next {@code count} responses to {@code api}. */
    public void dropResponses(ApiKeys api, int count) {
        dropApi = api;
        responsesToDrop.set(count);
    }

    public int droppedResponses() {
        return droppedResponses.get();
    }

    /** Client connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                sockets.add(client);
                sockets.add(broker);
                Map<Integer, ApiKeys> apiByCorrelationId = new ConcurrentHashMap<>();
                Thread.ofPlatform().daemon().name("proxy-requests")
                        .start(() -> forwardRequests(client, broker, apiByCorrelationId));
                Thread.ofPlatform().daemon().name("proxy-responses")
                        .start(() -> forwardResponses(broker, client, apiByCorrelationId));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Request frame: size, api key (int16), api version (int16), correlation id (int32), ... */
    private void forwardRequests(Socket from, Socket to, Map<Integer, ApiKeys> apiByCorrelationId) {
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            while (true) {
                byte[] frame = readFrame(in);
                ByteBuffer buffer = ByteBuffer.wrap(frame);
                short apiKey = buffer.getShort(4);
                int correlationId = buffer.getInt(8);
                apiByCorrelationId.put(correlationId, ApiKeys.forId(apiKey));
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: both are closed by try-with-resources
        }
    }

    /** Response frame: size, correlation id (int32), ... */
    private void forwardResponses(Socket from, Socket to, Map<Integer, ApiKeys> apiByCorrelationId) {
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            while (true) {
                byte[] frame = readFrame(in);
                int correlationId = ByteBuffer.wrap(frame).getInt(4);
                ApiKeys api = apiByCorrelationId.remove(correlationId);
                if (api == dropApi && responsesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    droppedResponses.incrementAndGet();
                    continue;
                }
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[4 + size];
        ByteBuffer.wrap(frame).putInt(size);
        in.readFully(frame, 4, size);
        return frame;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
