package io.streambus.bench.compare.rebalance;

import io.streambus.bench.compare.ClientConfigs;
import io.streambus.bench.compare.WorkloadException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer group rebalance time. A steady producer writes to every partition of {@link #TOPIC}; a group of
 * {@code consumers} KafkaConsumers, each on its own thread, subscribes and polls continuously. Once the
 * group is stable (its first rebalance, which the broker's group.initial.rebalance.delay.ms may hold back,
 * is not measured), each repetition measures (a) one more consumer joining and (b) one consumer leaving
 * with close(); optionally, with the classic protocol, (c) one crashing (closed without leaving, so only
 * its session timeout tells the coordinator). Each figure is the time from the event until every partition is owned by exactly one
 * member, every member owns some partition, and every partition has delivered a record produced after the
 * event (see {@link PartitionOwnership}). Between events the assignment must stay unchanged for
 * {@code settleMs}, so that one event's tail does not land in the next.
 *
 * <p>Threads: runs on the caller's thread, which starts and waits; the producer and each member have their
 * own threads.
 */
public final class RebalanceWorkload {

    public static final String TOPIC = "bench-rebalance";
    private static final Logger LOG = LoggerFactory.getLogger(RebalanceWorkload.class);
    private static final long FORMATION_TIMEOUT_MS = 120_000;
    private static final long CLOSE_TIMEOUT_MS = 60_000;

    /**
     * @param partitions   partitions of {@link #TOPIC}
     * @param consumers    members of the stable group
     * @param ratePerSec   records per second over all partitions
     * @param repetitions  joins and leaves measured per run (each figure is their median)
     * @param settleMs     how long the assignment must stay unchanged before the next event
     * @param eventTimeoutMs how long an event may take before it counts as failed
     * @param crash        also measure a crash (classic protocol only; dominated by the session timeout)
     * @param crashTimeoutMs how long a crash may take (more than the session timeout)
     */
    public record Spec(int partitions, int consumers, int ratePerSec, int repetitions, long settleMs,
                       long eventTimeoutMs, boolean crash, long crashTimeoutMs) {

        public static Spec standard(boolean quick, boolean crash) {
            return new Spec(60, 10, 6_000, quick ? 1 : 3, quick ? 1_000 : 2_000, 60_000, crash, 120_000);
        }
    }

    /** Durations in milliseconds, one per repetition; crash is empty unless asked for. */
    public record Result(List<Double> joinMs, List<Double> leaveMs, List<Double> crashMs) {
    }

    private final String bootstrapServers;
    private final Spec spec;
    private final GroupProtocol protocol;
    private final Deque<GroupMember> members = new ArrayDeque<>();
    private final PartitionOwnership ownership;
    private int nextId;

    private RebalanceWorkload(String bootstrapServers, Spec spec, GroupProtocol protocol) {
        this.bootstrapServers = bootstrapServers;
        this.spec = spec;
        this.protocol = protocol;
        this.ownership = new PartitionOwnership(spec.partitions(), System::nanoTime);
    }

    /** Runs against {@link #TOPIC}, which must exist with {@code spec.partitions()} partitions. */
    public static Result run(String bootstrapServers, Spec spec, GroupProtocol protocol) throws InterruptedException {
        return new RebalanceWorkload(bootstrapServers, spec, protocol).run();
    }

    /**
     * The consumer settings: the harness's common ones, a group, and the protocol; everything else (the
     * classic assignors, session and heartbeat settings) is kafka-clients' default, identical for both
     * systems.
     */
    public static Properties consumerConfig(String bootstrapServers, GroupProtocol protocol) {
        Properties p = ClientConfigs.consumer(bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-rebalance-" + protocol.name().toLowerCase());
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol.name().toLowerCase());
        return p;
    }

    private Result run() throws InterruptedException {
        List<Double> joins = new ArrayList<>();
        List<Double> leaves = new ArrayList<>();
        List<Double> crashes = new ArrayList<>();
        var producer = new SteadyProducer(bootstrapServers, TOPIC, spec.partitions(), spec.ratePerSec());
        producer.start();
        try {
            ownership.startEvent();
            for (int i = 0; i < spec.consumers(); i++) {
                startMember(false);
            }
            long formedNs = ownership.awaitEventOver(FORMATION_TIMEOUT_MS);
            ownership.awaitSettled(spec.settleMs(), FORMATION_TIMEOUT_MS);
            LOG.info("[rebalance {}] {} members formed the group in {} ms (not reported)", protocolName(),
                    spec.consumers(), formedNs / 1_000_000);
            for (int r = 0; r < spec.repetitions(); r++) {
                startMember(true);
                joins.add(measure("join", spec.eventTimeoutMs()));
                departOldest(false);
                leaves.add(measure("leave", spec.eventTimeoutMs()));
            }
            // kafka-clients 4.1's consumer-protocol close(REMAIN_IN_GROUP) still ends a dynamic member's
            // session within a heartbeat on both brokers: not a crash, so only the classic protocol has one.
            if (spec.crash() && protocol == GroupProtocol.CLASSIC) {
                departOldest(true);
                crashes.add(measure("crash", spec.crashTimeoutMs()));
            }
        } finally {
            stopAll();
            producer.close();
        }
        return new Result(joins, leaves, crashes);
    }

    private void startMember(boolean measuredJoin) {
        GroupMember member = new GroupMember(nextId++, consumerConfig(bootstrapServers, protocol), TOPIC, ownership,
                measuredJoin);
        members.addLast(member);
        member.start();
    }

    private void departOldest(boolean crash) throws InterruptedException {
        GroupMember member = members.removeFirst();
        member.depart(crash);
        Throwable failure = member.awaitClosed(CLOSE_TIMEOUT_MS);
        if (failure != null) {
            throw new WorkloadException("member " + member.id() + " failed", failure);
        }
    }

    private double measure(String event, long timeoutMs) throws InterruptedException {
        double ms = ownership.awaitEventOver(timeoutMs) / 1e6;
        LOG.info("[rebalance {}] {}: {} ms", protocolName(), event, String.format("%.0f", ms));
        ownership.awaitSettled(spec.settleMs(), timeoutMs);
        return ms;
    }

    private void stopAll() throws InterruptedException {
        members.forEach(GroupMember::stop);
        Throwable failure = null;
        for (GroupMember m : members) {
            Throwable t = m.awaitClosed(CLOSE_TIMEOUT_MS);
            failure = failure == null ? t : failure;
        }
        members.clear();
        if (failure != null) {
            throw new WorkloadException("a rebalance member failed", failure);
        }
    }

    private String protocolName() {
        return protocol.name().toLowerCase();
    }
}
