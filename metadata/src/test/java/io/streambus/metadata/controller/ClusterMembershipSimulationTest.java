package io.streambus.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.metadata.image.BrokerRegistration;
import io.streambus.metadata.image.MetadataDelta;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.record.BrokerEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of broker membership on a seeded clock, in the style of Kafka's
 * RaftEventSimulationTest: brokers register, heartbeat, crash, restart and come back; time jumps; the controller
 * fences the silent ones and places replicas. Every decision goes through {@link ClusterMembershipOperation} and
 * every state change through records replayed into the image, exactly as the controller does. Invariants are
 * checked after every event; a failing seed is printed and reproduces the run.
 */
class ClusterMembershipSimulationTest {

    private static final int BROKERS = 5;
    private static final int SEEDS = 40;
    private static final int STEPS = 400;
    private static final long SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(9);
    private static final String[] RACKS = {"a", "b", "c"};

    @Test
    void membershipInvariantsHoldForEverySeed() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                new Simulation(seed).run();
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /** One run: the model of each broker process, the controller's image and sessions, one clock. */
    private static final class Simulation {

        private final Random random;
        private long nowNs = TimeUnit.HOURS.toNanos(1);
        private MetadataImage image = MetadataImage.EMPTY;
        private final BrokerSessions sessions = new BrokerSessions(nowNs);
        /** What each broker process believes: its epoch while running, or none. */
        private final Map<Integer, Long> runningEpochs = new HashMap<>();
        /** The controller's last contact with each broker id: the epoch it came with and when. */
        private final Map<Integer, long[]> lastContact = new HashMap<>();
        private final Set<Long> epochsGiven = new HashSet<>();

        Simulation(long seed) {
            this.random = new Random(seed);
        }

        void run() {
            for (int step = 0; step < STEPS; step++) {
                int broker = random.nextInt(BROKERS);
                switch (random.nextInt(6)) {
                    case 0 -> start(broker);
                    case 1, 2 -> heartbeat(broker);
                    case 3 -> runningEpochs.remove(broker); // crash: the process stops, its registration stays
                    case 4 -> nowNs += TimeUnit.MILLISECONDS.toNanos(random.nextInt(6_000));
                    default -> fenceExpired();
                }
                checkInvariants();
            }
        }

        private ClusterMembershipOperation operation() {
            return new ClusterMembershipOperation(image, sessions, nowNs, SESSION_TIMEOUT_NS);
        }

        private void start(int broker) {
            BrokerRegistrationRequest request = new BrokerRegistrationRequest(broker, new Uuid(random.nextLong(),
                    random.nextLong()), List.of(new BrokerEndpoint("PLAINTEXT", "127.0.0.1", 9092 + broker)),
                    RACKS[broker % RACKS.length]);
            BrokerRegistration before = image.cluster().broker(broker).orElse(null);
            // Alive as the controller sees it: the current registration was heard from within the timeout. The
            // controller cannot tell that a process crashed a moment ago.
            boolean holderAlive = before != null && silentForNs(before) < SESSION_TIMEOUT_NS;
            ControllerResult<BrokerRegistrationResult> result = operation().register(request);
            if (holderAlive) {
                assertThat(result.response().error().error()).as("a second process with a live holder's id")
                        .isEqualTo(Errors.DUPLICATE_BROKER_REGISTRATION);
                assertThat(result.records()).isEmpty();
                return;
            }
            assertThat(result.response().error().isSuccess()).as(result.response().toString()).isTrue();
            long epoch = result.response().brokerEpoch();
            assertThat(epochsGiven).as("epochs are never reused").doesNotContain(epoch);
            assertThat(epochsGiven.stream().allMatch(e -> e < epoch)).as("epochs only grow").isTrue();
            epochsGiven.add(epoch);
            apply(result.records());
            assertThat(image.cluster().broker(broker).orElseThrow().fenced()).as("new registrations start fenced")
                    .isTrue();
            runningEpochs.put(broker, epoch);
            lastContact.put(broker, new long[] {epoch, nowNs});
        }

        private long silentForNs(BrokerRegistration broker) {
            long[] contact = lastContact.get(broker.id());
            return contact == null || contact[0] != broker.epoch() ? Long.MAX_VALUE : nowNs - contact[1];
        }

        private void heartbeat(int broker) {
            Long epoch = runningEpochs.get(broker);
            if (epoch == null) {
                return;
            }
            // A broker applies the log with some lag: sometimes it has not yet seen its own registration.
            long applied = random.nextInt(4) == 0 ? epoch - 1 : image.offset();
            ControllerResult<BrokerHeartbeatResult> result = operation().heartbeat(new BrokerHeartbeatRequest(broker,
                    epoch, applied, false, false));
            BrokerRegistration registered = image.cluster().broker(broker).orElseThrow();
            if (registered.epoch() != epoch) {
                assertThat(result.response().error().error()).isEqualTo(Errors.STALE_BROKER_EPOCH);
                runningEpochs.remove(broker); // a real broker registers again; here it just stops
                return;
            }
            assertThat(result.response().error().isSuccess()).isTrue();
            apply(result.records());
            lastContact.put(broker, new long[] {epoch, nowNs});
            boolean fenced = image.cluster().broker(broker).orElseThrow().fenced();
            assertThat(result.response().isFenced()).isEqualTo(fenced);
            if (applied >= epoch) {
                assertThat(fenced).as("a caught-up broker is unfenced by its heartbeat").isFalse();
            } else {
                assertThat(fenced).as("lagging: fencing unchanged").isEqualTo(registered.fenced());
            }
        }

        private void fenceExpired() {
            ControllerResult<List<Integer>> result = operation().fenceExpired();
            apply(result.records());
            for (BrokerRegistration broker : image.cluster().brokers().values()) {
                if (silentForNs(broker) >= SESSION_TIMEOUT_NS) {
                    assertThat(broker.fenced()).as("broker %s silent for a session timeout", broker.id()).isTrue();
                } else if (!result.response().isEmpty()) {
                    assertThat(result.response()).as("only silent brokers are fenced").doesNotContain(broker.id());
                }
            }
        }

        private void apply(List<io.streambus.metadata.record.MetadataRecord> records) {
            if (records.isEmpty()) {
                return;
            }
            MetadataDelta delta = new MetadataDelta(image);
            delta.replay(records);
            image = delta.apply(image.offset() + records.size());
        }

        private void checkInvariants() {
            // The image survives a snapshot: what a new controller or a lagging node loads is what this one has.
            MetadataDelta fromSnapshot = MetadataDelta.forSnapshot(MetadataImage.EMPTY);
            fromSnapshot.replay(image.toRecords());
            assertThat(fromSnapshot.apply(image.offset()).cluster()).isEqualTo(image.cluster());

            List<BrokerRegistration> active = image.cluster().activeBrokers();
            if (active.isEmpty()) {
                return;
            }
            int replicationFactor = Math.min(3, active.size());
            int partitions = active.size() * 4;
            Map<Integer, Integer> leaders = new HashMap<>();
            Set<String> activeRacks = new HashSet<>();
            active.forEach(b -> activeRacks.add(b.rack()));
            for (int p = 0; p < partitions; p++) {
                List<Integer> replicas = ReplicaPlacer.place(image.cluster(), p, replicationFactor);
                assertThat(new HashSet<>(replicas)).as("no broker twice").hasSize(replicationFactor);
                Set<String> racks = new HashSet<>();
                for (int id : replicas) {
                    BrokerRegistration broker = image.cluster().broker(id).orElseThrow();
                    assertThat(broker.isActive()).as("replica on fenced broker %s", id).isTrue();
                    racks.add(broker.rack());
                }
                assertThat(racks).as("replicas spread over racks").hasSize(Math.min(replicationFactor,
                        activeRacks.size()));
                leaders.merge(replicas.getFirst(), 1, Integer::sum);
            }
            List<Integer> counts = new ArrayList<>(leaders.values());
            assertThat(counts).as("every active broker leads some partitions").hasSize(active.size());
            assertThat(counts.stream().mapToInt(Integer::intValue).max().orElseThrow()
                    - counts.stream().mapToInt(Integer::intValue).min().orElseThrow())
                    .as("leaders spread evenly").isLessThanOrEqualTo(1);
        }
    }
}
