package io.streambus.broker.coordinator.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * The server-side assignors of KIP-848 consumer groups, by the names clients ask for
 * ({@code group.remote.assignor}): "uniform" (balanced, sticky: members keep what they had up to their
 * share) and "range" (per topic, contiguous ranges over the subscribers sorted by member id, as the
 * client-side RangeAssignor does).
 *
 * <p>Stateless; called on a shard thread.
 */
final class ServerAssignors {

    static final String UNIFORM = "uniform";
    static final String RANGE = "range";

    /** A subscribed topic as the assignors see it. */
    record Topic(String name, Uuid id, int partitions) {
    }

    private ServerAssignors() {
    }

    static boolean isKnown(String name) {
        return UNIFORM.equals(name) || RANGE.equals(name);
    }

    /**
     * @param subscriptions member id → subscribed topic names (members in a stable order)
     * @param topics        the subscribed topics that exist, by name
     * @param current       the previous target assignment, for stickiness
     */
    static Map<String, Map<Uuid, Set<Integer>>> assign(String assignor, Map<String, Set<String>> subscriptions,
                                                       Map<String, Topic> topics,
                                                       Map<String, Map<Uuid, Set<Integer>>> current) {
        Map<String, Map<Uuid, Set<Integer>>> result = new HashMap<>();
        subscriptions.keySet().forEach(member -> result.put(member, new HashMap<>()));
        if (RANGE.equals(assignor)) {
            range(subscriptions, topics, result);
        } else {
            uniform(subscriptions, topics, current, result);
        }
        return result;
    }

    private static void range(Map<String, Set<String>> subscriptions, Map<String, Topic> topics,
                              Map<String, Map<Uuid, Set<Integer>>> result) {
        for (Topic topic : new TreeMap<>(topics).values()) {
            List<String> subscribers = subscribers(subscriptions, topic.name());
            if (subscribers.isEmpty()) {
                continue;
            }
            int base = topic.partitions() / subscribers.size();
            int extra = topic.partitions() % subscribers.size();
            int next = 0;
            for (int i = 0; i < subscribers.size(); i++) {
                int count = base + (i < extra ? 1 : 0);
                Set<Integer> partitions = new HashSet<>();
                for (int p = next; p < next + count; p++) {
                    partitions.add(p);
                }
                next += count;
                if (!partitions.isEmpty()) {
                    result.get(subscribers.get(i)).put(topic.id(), partitions);
                }
            }
        }
    }

    private static void uniform(Map<String, Set<String>> subscriptions, Map<String, Topic> topics,
                                Map<String, Map<Uuid, Set<Integer>>> current,
                                Map<String, Map<Uuid, Set<Integer>>> result) {
        List<Topic> sorted = new ArrayList<>(new TreeMap<>(topics).values());
        int total = 0;
        for (Topic topic : sorted) {
            if (!subscribers(subscriptions, topic.name()).isEmpty()) {
                total += topic.partitions();
            }
        }
        int members = subscriptions.size();
        if (members == 0 || total == 0) {
            return;
        }
        int minQuota = total / members;
        int extras = total % members;
        Map<String, Integer> counts = new HashMap<>();
        Map<Uuid, Set<Integer>> taken = new HashMap<>();
        // Stickiness: each member keeps what it had, up to its share (one above the minimum while extras last).
        for (String member : subscriptions.keySet()) {
            Map<Uuid, Set<Integer>> previous = current.getOrDefault(member, Map.of());
            int kept = 0;
            for (Topic topic : sorted) {
                Set<Integer> had = previous.get(topic.id());
                if (had == null || !subscriptions.get(member).contains(topic.name())) {
                    continue;
                }
                for (int partition : new TreeSet<>(had)) {
                    int quota = minQuota + (extras > 0 ? 1 : 0);
                    if (partition >= topic.partitions() || kept >= quota) {
                        continue;
                    }
                    result.get(member).computeIfAbsent(topic.id(), id -> new HashSet<>()).add(partition);
                    taken.computeIfAbsent(topic.id(), id -> new HashSet<>()).add(partition);
                    kept++;
                }
            }
            if (kept > minQuota) {
                extras--;
            }
            counts.put(member, kept);
        }
        // The rest goes to the least loaded subscriber.
        for (Topic topic : sorted) {
            List<String> subscribers = subscribers(subscriptions, topic.name());
            if (subscribers.isEmpty()) {
                continue;
            }
            for (int partition = 0; partition < topic.partitions(); partition++) {
                if (ConsumerMember.contains(taken, topic.id(), partition)) {
                    continue;
                }
                String target = subscribers.stream()
                        .min(Comparator.comparingInt((String m) -> counts.get(m)).thenComparing(m -> m))
                        .orElseThrow();
                result.get(target).computeIfAbsent(topic.id(), id -> new HashSet<>()).add(partition);
                counts.merge(target, 1, Integer::sum);
            }
        }
    }

    private static List<String> subscribers(Map<String, Set<String>> subscriptions, String topic) {
        List<String> subscribers = new ArrayList<>();
        subscriptions.forEach((member, topics) -> {
            if (topics.contains(topic)) {
                subscribers.add(member);
            }
        });
        subscribers.sort(Comparator.naturalOrder());
        return subscribers;
    }
}
