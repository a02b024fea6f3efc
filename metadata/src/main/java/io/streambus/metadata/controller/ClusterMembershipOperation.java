package io.streambus.metadata.controller;

import io.streambus.metadata.image.BrokerRegistration;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.record.BrokerRegistrationChangeRecord;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.RegisterBrokerRecord;
import io.streambus.metadata.record.UnregisterBrokerRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * Broker registration, heartbeats, fencing and unregistration, as KRaft's controller does them: a new
 * registration is fenced until the broker has applied the metadata log up to its own registration record; a
 * broker that stops heartbeating for {@code broker.session.timeout.ms} is fenced; a registration under an id whose
 * current holder is alive is a duplicate. The decisions are pure functions of the image, the sessions and the
 * clock; the records they return are the only state change (the sessions are the controller's own memory).
 *
 * <p>Threading: created per operation on the controller thread.
 */
final class ClusterMembershipOperation {

    private final MetadataImage image;
    private final BrokerSessions sessions;
    private final long nowNs;
    private final long sessionTimeoutNs;

    ClusterMembershipOperation(MetadataImage image, BrokerSessions sessions, long nowNs, long sessionTimeoutNs) {
        this.image = image;
        this.sessions = sessions;
        this.nowNs = nowNs;
        this.sessionTimeoutNs = sessionTimeoutNs;
    }

    ControllerResult<BrokerRegistrationResult> register(BrokerRegistrationRequest request) {
        if (request.brokerId() < 0) {
            return new ControllerResult<>(List.of(), new BrokerRegistrationResult(ApiError.of(Errors.INVALID_REQUEST,
                    "Broker id must not be negative, was " + request.brokerId()), -1));
        }
        BrokerRegistration existing = image.cluster().broker(request.brokerId()).orElse(null);
        if (existing != null && existing.incarnation().equals(request.incarnation())) {
            if (existing.endpoints().equals(request.endpoints()) && java.util.Objects.equals(existing.rack(),
                    request.rack())) {
                sessions.touch(existing.id(), existing.epoch(), nowNs); // a retry: same incarnation, same epoch
                return new ControllerResult<>(List.of(), new BrokerRegistrationResult(ApiError.NONE, existing.epoch()));
            }
        } else if (existing != null && sessions.hasLiveSession(existing.id(), existing.epoch(), nowNs,
                sessionTimeoutNs)) {
            return new ControllerResult<>(List.of(), new BrokerRegistrationResult(ApiError.of(
                    Errors.DUPLICATE_BROKER_REGISTRATION, "Another broker is registered with that broker id ("
                            + request.brokerId() + "), and it is still heartbeating."), -1));
        }
        // Greater than every epoch given before: each was at most the image offset when it was committed.
        long epoch = image.offset() + 1;
        sessions.touch(request.brokerId(), epoch, nowNs);
        RegisterBrokerRecord record = new RegisterBrokerRecord(request.brokerId(), request.incarnation(), epoch,
                request.endpoints(), request.rack(), true, false);
        return new ControllerResult<>(List.of(record), new BrokerRegistrationResult(ApiError.NONE, epoch));
    }

    ControllerResult<BrokerHeartbeatResult> heartbeat(BrokerHeartbeatRequest request) {
        BrokerRegistration broker = image.cluster().broker(request.brokerId()).orElse(null);
        if (broker == null) {
            return new ControllerResult<>(List.of(), BrokerHeartbeatResult.failed(ApiError.of(
                    Errors.BROKER_ID_NOT_REGISTERED, "Broker " + request.brokerId() + " is not registered.")));
        }
        if (broker.epoch() != request.brokerEpoch()) {
            return new ControllerResult<>(List.of(), BrokerHeartbeatResult.failed(ApiError.of(
                    Errors.STALE_BROKER_EPOCH, "Expected broker epoch " + broker.epoch() + ", but got broker epoch "
                            + request.brokerEpoch())));
        }
        sessions.touch(broker.id(), broker.epoch(), nowNs);
        boolean caughtUp = request.currentMetadataOffset() >= broker.epoch();
        Boolean fenced = null;
        Boolean shuttingDown = null;
        if (request.wantShutDown()) {
            shuttingDown = broker.inControlledShutdown() ? null : Boolean.TRUE;
        } else if (request.wantFence()) {
            fenced = broker.fenced() ? null : Boolean.TRUE;
        } else if (broker.fenced() && caughtUp) {
            fenced = Boolean.FALSE;
        }
        List<MetadataRecord> records = fenced == null && shuttingDown == null ? List.of()
                : List.of(new BrokerRegistrationChangeRecord(broker.id(), broker.epoch(), fenced, shuttingDown));
        boolean fencedAfter = fenced != null ? fenced : broker.fenced();
        // Without replication there is no other replica to hand leadership to: shutting down may go ahead at once.
        return new ControllerResult<>(records, new BrokerHeartbeatResult(ApiError.NONE, caughtUp, fencedAfter,
                request.wantShutDown()));
    }

    /** Fences every unfenced broker silent for longer than the session timeout. */
    ControllerResult<List<Integer>> fenceExpired() {
        List<MetadataRecord> records = new ArrayList<>();
        List<Integer> fenced = new ArrayList<>();
        for (BrokerRegistration broker : image.cluster().unfencedBrokers()) {
            if (sessions.isExpired(broker.id(), broker.epoch(), nowNs, sessionTimeoutNs)) {
                records.add(new BrokerRegistrationChangeRecord(broker.id(), broker.epoch(), true, null));
                fenced.add(broker.id());
            }
        }
        return new ControllerResult<>(records, fenced);
    }

    ControllerResult<ApiError> unregister(int brokerId) {
        BrokerRegistration broker = image.cluster().broker(brokerId).orElse(null);
        if (broker == null) {
            return new ControllerResult<>(List.of(), ApiError.of(Errors.BROKER_ID_NOT_REGISTERED,
                    "Broker " + brokerId + " is not registered."));
        }
        sessions.remove(brokerId);
        return new ControllerResult<>(List.of(new UnregisterBrokerRecord(brokerId, broker.epoch())), ApiError.NONE);
    }
}
