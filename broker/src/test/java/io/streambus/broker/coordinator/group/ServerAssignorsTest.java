package io.streambus.broker.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class ServerAssignorsTest {

    private static final Uuid A = Uuid.randomUuid();
    private static final Uuid B = Uuid.randomUuid();
    private static final Map<String, ServerAssignors.Topic> TOPICS = Map.of(
            "a", new ServerAssignors.Topic("a", A, 5), "b", new ServerAssignors.Topic("b", B, 3));

    private static Map<String, Set<String>> members(int count, Set<String> topics) {
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            members.put("m" + i, topics);
        }
        return members;
    }

    private static void assertEveryPartitionOnce(Map<String, Map<Uuid, Set<Integer>>> result, int total) {
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (Map<Uuid, Set<Integer>> assignment : result.values()) {
            for (Map.Entry<Uuid, Set<Integer>> entry : assignment.entrySet()) {
                for (int p : entry.getValue()) {
                    seen.add(entry.getKey() + "-" + p);
                    count++;
                }
            }
        }
        assertThat(count).isEqualTo(total);
        assertThat(seen).hasSize(total);
    }

    private static int size(Map<Uuid, Set<Integer>> assignment) {
        return assignment.values().stream().mapToInt(Set::size).sum();
    }

    @Test
    void uniformBalancesAndAssignsEveryPartitionOnce() {
        Map<String, Map<Uuid, Set<Integer>>> result = ServerAssignors.assign(ServerAssignors.UNIFORM,
                members(3, Set.of("a", "b")), TOPICS, Map.of());
        assertEveryPartitionOnce(result, 8);
        assertThat(result.values()).allSatisfy(a -> assertThat(size(a)).isBetween(2, 3));
    }

    @Test
    void uniformIsStickyWhenAMemberJoins() {
        Map<String, Map<Uuid, Set<Integer>>> before = ServerAssignors.assign(ServerAssignors.UNIFORM,
                members(2, Set.of("a", "b")), TOPICS, Map.of());
        Map<String, Map<Uuid, Set<Integer>>> after = ServerAssignors.assign(ServerAssignors.UNIFORM,
                members(3, Set.of("a", "b")), TOPICS, before);
        assertEveryPartitionOnce(after, 8);
        int moved = 0;
        for (String member : before.keySet()) {
            for (Map.Entry<Uuid, Set<Integer>> entry : before.get(member).entrySet()) {
                for (int p : entry.getValue()) {
                    if (!after.get(member).getOrDefault(entry.getKey(), Set.of()).contains(p)) {
                        moved++;
                    }
                }
            }
        }
        // The newcomer gets its share and only that much moves.
        assertThat(moved).isEqualTo(size(after.get("m2")));
        assertThat(after.values()).allSatisfy(a -> assertThat(size(a)).isBetween(2, 3));
    }

    @Test
    void uniformOnlyGivesTopicsToTheirSubscribers() {
        Map<String, Set<String>> members = new LinkedHashMap<>();
        members.put("x", Set.of("a"));
        members.put("y", Set.of("b"));
        Map<String, Map<Uuid, Set<Integer>>> result = ServerAssignors.assign(ServerAssignors.UNIFORM, members,
                TOPICS, Map.of());
        assertThat(result.get("x")).containsOnlyKeys(A);
        assertThat(result.get("y")).containsOnlyKeys(B);
        assertEveryPartitionOnce(result, 8);
    }

    @Test
    void rangeGivesContiguousRangesPerTopic() {
        Map<String, Map<Uuid, Set<Integer>>> result = ServerAssignors.assign(ServerAssignors.RANGE,
                members(2, Set.of("a", "b")), TOPICS, new HashMap<>());
        assertThat(result.get("m0").get(A)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(result.get("m1").get(A)).containsExactlyInAnyOrder(3, 4);
        assertThat(result.get("m0").get(B)).containsExactlyInAnyOrder(0, 1);
        assertThat(result.get("m1").get(B)).containsExactlyInAnyOrder(2);
    }
}
