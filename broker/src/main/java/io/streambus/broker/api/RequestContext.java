package io.streambus.broker.api;

import java.net.InetSocketAddress;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * What a handler knows about the request beyond its body. Immutable.
 *
 * @param connectionId  unique per broker process, for logs and quotas
 * @param listenerName  the listener the connection came in on
 * @param clientAddress the peer's address
 * @param clientId      the header's client id ({@code ""} when absent)
 * @param correlationId the header's correlation id
 * @param apiKey        the request's API
 * @param apiVersion    the request's version; the response is serialised at the same version
 * @param receiveTimeNs when the request's last byte arrived, from {@code Time.nanoseconds()}
 * @param principal     the authenticated principal ({@link KafkaPrincipal#ANONYMOUS} until SASL/mTLS)
 * @param tls           true when the connection is encrypted: records are then copied, not sent with sendfile
 */
public record RequestContext(
        long connectionId,
        String listenerName,
        InetSocketAddress clientAddress,
        String clientId,
        int correlationId,
        ApiKeys apiKey,
        short apiVersion,
        long receiveTimeNs,
        KafkaPrincipal principal,
        boolean tls) {
}
