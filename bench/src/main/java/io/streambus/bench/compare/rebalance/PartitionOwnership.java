package io.streambus.bench.compare.rebalance;

import io.streambus.bench.compare.WorkloadException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Who owns which partition of the rebalance topic, as the group's members report it from their rebalance
 * callbacks, and which partitions flow again after the current event. An event (a member joining, leaving
 * or crashing) is <em>over</em> when every partition is owned by exactly one live member, every live member
 * owns at least one partition (so a join is not over before the newcomer has its share), and every
 * partition has delivered, to the member that owns it now, a record produced after the event.
 *
 * <p>A partition's "flowing" mark is cleared whenever it changes hands: a record delivered by the previous
 * owner does not show that the new owner reads. A member that is leaving or crashing stops counting at the
 * event: its partitions are unowned from then on, whatever its callbacks say during close().
 *
 * <p>Thread-safe: every member's poll thread reports into it and the workload's thread waits on it. One
 * monitor guards all state; a check scans the partitions (tens), once per poll batch at most.
 */
public final class PartitionOwnership {

    private final int partitions;
    private final LongSupplier nanoClock;
    private final int[] ownerCount;
    private final boolean[] flowing;
    /** Live members and the partitions each owns. */
    private final Map<Integer, BitSet> owned = new HashMap<>();
    private long eventNs;
    private boolean eventOpen;
    private long completedNs;
    private long lastChangeNs;

    public PartitionOwnership(int partitions, LongSupplier nanoClock) {
        this.partitions = partitions;
        this.nanoClock = nanoClock;
        this.ownerCount = new int[partitions];
        this.flowing = new boolean[partitions];
        this.lastChangeNs = nanoClock.getAsLong();
    }

    /** A member that is part of the group without an event being measured (the initial members). */
    public synchronized void register(int member) {
        owned.putIfAbsent(member, new BitSet(partitions));
        changed();
    }

    /** Starts an event: a member joins now (it is about to subscribe). */
    public synchronized void startJoin(int member) {
        startEvent();
        register(member);
    }

    /** Starts an event: a member leaves or crashes now; what it owns stops counting. */
    public synchronized void startDeparture(int member) {
        startEvent();
        BitSet gone = owned.remove(member);
        if (gone != null) {
            gone.stream().forEach(p -> release(p));
        }
        changed();
    }

    /** Starts measuring without a membership change (the initial members forming the group). */
    public synchronized void startEvent() {
        eventNs = nanoClock.getAsLong();
        eventOpen = true;
        completedNs = 0;
        Arrays.fill(flowing, false);
    }

    public synchronized void assigned(int member, Collection<TopicPartition> partitionsAssigned) {
        BitSet mine = owned.get(member);
        if (mine == null) {
            return; // departed: no longer counts
        }
        for (TopicPartition tp : partitionsAssigned) {
            int p = tp.partition();
            if (!mine.get(p)) {
                mine.set(p);
                ownerCount[p]++;
                flowing[p] = false;
            }
        }
        changed();
    }

    /** Revoked or lost: either way the member no longer reads them. */
    public synchronized void revoked(int member, Collection<TopicPartition> partitionsRevoked) {
        BitSet mine = owned.get(member);
        if (mine == null) {
            return;
        }
        for (TopicPartition tp : partitionsRevoked) {
            int p = tp.partition();
            if (mine.get(p)) {
                mine.clear(p);
                release(p);
            }
        }
        changed();
    }

    /** A member received records of a partition, the newest produced (sent) at {@code newestProducedNs}. */
    public synchronized void delivered(int member, int partition, long newestProducedNs) {
        BitSet mine = owned.get(member);
        if (!eventOpen || completedNs != 0 || mine == null || !mine.get(partition) || newestProducedNs < eventNs
                || flowing[partition]) {
            return;
        }
        flowing[partition] = true;
        checkComplete();
    }

    /**
     * Waits until an event has started (it may start on another thread, after this call) and is over;
     * returns its duration in nanoseconds.
     */
    public synchronized long awaitEventOver(long timeoutMs) throws InterruptedException {
        long deadlineNs = nanoClock.getAsLong() + timeoutMs * 1_000_000;
        while (!eventOpen || completedNs == 0) {
            long leftNs = deadlineNs - nanoClock.getAsLong();
            if (leftNs <= 0) {
                throw new WorkloadException("not rebalanced after " + timeoutMs + " ms: " + describe());
            }
            wait(Math.max(1, leftNs / 1_000_000));
        }
        eventOpen = false;
        return completedNs - eventNs;
    }

    /**
     * Waits until the assignment is complete (every partition owned once, every member owning some) and has
     * not changed for {@code quietMs}: a rebalance that is still settling would land in the next event.
     */
    public synchronized void awaitSettled(long quietMs, long timeoutMs) throws InterruptedException {
        long deadlineNs = nanoClock.getAsLong() + timeoutMs * 1_000_000;
        while (true) {
            long nowNs = nanoClock.getAsLong();
            long quietLeftNs = lastChangeNs + quietMs * 1_000_000 - nowNs;
            if (assignmentComplete() && quietLeftNs <= 0) {
                return;
            }
            if (nowNs >= deadlineNs) {
                throw new WorkloadException("assignment not settled after " + timeoutMs + " ms: " + describe());
            }
            long waitNs = assignmentComplete() ? Math.min(quietLeftNs, deadlineNs - nowNs) : deadlineNs - nowNs;
            wait(Math.max(1, waitNs / 1_000_000));
        }
    }

    /** Current state in words, for failure messages. */
    public synchronized String describe() {
        int unowned = 0;
        int shared = 0;
        int notFlowing = 0;
        for (int p = 0; p < partitions; p++) {
            unowned += ownerCount[p] == 0 ? 1 : 0;
            shared += ownerCount[p] > 1 ? 1 : 0;
            notFlowing += flowing[p] ? 0 : 1;
        }
        long idle = owned.values().stream().filter(BitSet::isEmpty).count();
        return owned.size() + " members (" + idle + " without partitions), " + unowned + " partitions unowned, "
                + shared + " owned twice, " + notFlowing + " without a record produced after the event";
    }

    private void release(int partition) {
        ownerCount[partition]--;
        flowing[partition] = false;
    }

    private void changed() {
        lastChangeNs = nanoClock.getAsLong();
        checkComplete();
        notifyAll();
    }

    private void checkComplete() {
        if (!eventOpen || completedNs != 0 || !assignmentComplete()) {
            return;
        }
        for (boolean f : flowing) {
            if (!f) {
                return;
            }
        }
        completedNs = nanoClock.getAsLong();
        notifyAll();
    }

    private boolean assignmentComplete() {
        for (int count : ownerCount) {
            if (count != 1) {
                return false;
            }
        }
        for (BitSet mine : owned.values()) {
            if (mine.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
