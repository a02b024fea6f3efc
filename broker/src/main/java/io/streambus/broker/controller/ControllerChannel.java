package io.streambus.broker.controller;

import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.NotControllerException;
import io.streambus.metadata.record.BrokerEndpoint;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's connection to the active controller, over the Kafka protocol on the controller's inter-broker
 * listener: where it sends what it cannot do itself (its registration and heartbeats, producer-id blocks, topic
 * creation). The controller is whoever leads the metadata quorum now; its address comes from its registration
 * in the image, so the channel follows a failover by reconnecting to the next leader.
 *
 * <p>Threading: one thread, {@code controller-channel-N-PURPOSE}, owns the socket and sends one request at a time;
 * callers get futures and never block on the network. A broker keeps one channel for its own lifecycle (heartbeats
 * every couple of seconds) and another for forwarded client requests, so a slow one never delays a heartbeat.
 */
public final class ControllerChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerChannel.class);
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int READ_TIMEOUT_MS = 35_000;
    private static final String CLIENT_ID_PREFIX = "streambus-broker-";

    private final int nodeId;
    private final String listenerName;
    private final MetadataLog metadataLog;
    private final Supplier<MetadataImage> image;
    private final ExecutorService thread;
    private final String clientId;
    private Socket socket; // channel thread
    private int connectedTo = -1; // channel thread
    private int nextCorrelationId; // channel thread

    /**
     * @param purpose      what the channel carries ({@code lifecycle}, {@code admin}): its thread's and client id's suffix
     * @param listenerName the listener brokers reach each other on (the first advertised listener)
     */
    public ControllerChannel(int nodeId, String purpose, String listenerName, MetadataLog metadataLog,
                             Supplier<MetadataImage> image) {
        this.nodeId = nodeId;
        this.listenerName = listenerName;
        this.metadataLog = metadataLog;
        this.image = image;
        this.clientId = CLIENT_ID_PREFIX + nodeId + "-" + purpose;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("controller-channel-" + nodeId + "-" + purpose)
                .daemon().factory());
    }

    /** Sends {@code request} at {@code version} to the active controller and completes with its response. */
    @SuppressWarnings("unchecked")
    public <R extends ApiMessage> CompletableFuture<R> send(ApiKeys api, short version, ApiMessage request) {
        return CompletableFuture.supplyAsync(() -> (R) exchange(api, version, request), thread);
    }

    private ApiMessage exchange(ApiKeys api, short version, ApiMessage request) {
        BrokerEndpoint controller = controllerEndpoint();
        try {
            connect(controller);
            return roundTrip(api, version, request);
        } catch (IOException e) {
            disconnect();
            throw new UncheckedIOException("[ControllerChannel " + nodeId + "] " + api + " to the controller at "
                    + controller.host() + ":" + controller.port() + " failed: " + e.getMessage(), e);
        }
    }

    private BrokerEndpoint controllerEndpoint() {
        OptionalInt leader = metadataLog.activeController(nodeId);
        if (leader.isEmpty() || leader.getAsInt() == nodeId) {
            // This node leads (the caller should have run locally) or nobody does: either way, retry later.
            throw new NotControllerException("[ControllerChannel " + nodeId + "] no other node is the active "
                    + "controller now", leader, null);
        }
        int id = leader.getAsInt();
        return image.get().cluster().broker(id).flatMap(broker -> broker.endpoint(listenerName))
                .orElseThrow(() -> new NotControllerException("[ControllerChannel " + nodeId + "] controller " + id
                        + " has not registered a " + listenerName + " listener yet", leader, null));
    }

    private void connect(BrokerEndpoint controller) throws IOException {
        int id = metadataLog.activeController(nodeId).orElse(-1);
        if (socket != null && connectedTo == id) {
            return;
        }
        disconnect();
        Socket fresh = new Socket();
        try {
            fresh.connect(new InetSocketAddress(controller.host(), controller.port()), CONNECT_TIMEOUT_MS);
            fresh.setSoTimeout(READ_TIMEOUT_MS);
            fresh.setTcpNoDelay(true);
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
        socket = fresh;
        connectedTo = id;
        log.info("[ControllerChannel {}] connected to controller {} at {}:{}", nodeId, id, controller.host(),
                controller.port());
    }

    private ApiMessage roundTrip(ApiKeys api, short version, ApiMessage request) throws IOException {
        int correlationId = nextCorrelationId++;
        short headerVersion = api.requestHeaderVersion(version);
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(api.id).setRequestApiVersion(version)
                .setCorrelationId(correlationId).setClientId(clientId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + request.size(cache, version);
        ByteBuffer frame = ByteBuffer.allocate(4 + size);
        frame.putInt(size);
        ByteBufferAccessor writer = new ByteBufferAccessor(frame);
        header.write(writer, cache, headerVersion);
        request.write(writer, cache, version);
        socket.getOutputStream().write(frame.array());
        socket.getOutputStream().flush();

        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        ByteBufferAccessor reader = new ByteBufferAccessor(ByteBuffer.wrap(body));
        ResponseHeaderData responseHeader = new ResponseHeaderData(reader, api.responseHeaderVersion(version));
        if (responseHeader.correlationId() != correlationId) {
            throw new IOException("correlation id " + responseHeader.correlationId() + ", expected " + correlationId);
        }
        ApiMessage response = api.messageType.newResponse();
        response.read(reader, version);
        return response;
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("[ControllerChannel {}] closing: {}", nodeId, e.toString());
            }
            socket = null;
            connectedTo = -1;
        }
    }

    @Override
    public void close() {
        thread.execute(this::disconnect);
        thread.shutdown();
    }
}
