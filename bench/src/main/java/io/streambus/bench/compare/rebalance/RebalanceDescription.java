package io.streambus.bench.compare.rebalance;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;

/** What the report says about the rebalance workload's set-up, so that its figures can be read. */
public final class RebalanceDescription {

    private RebalanceDescription() {
    }

    public static String describe(RebalanceWorkload.Spec spec) {
        var config = new ConsumerConfig(RebalanceWorkload.consumerConfig("127.0.0.1:9", GroupProtocol.CLASSIC));
        String s = spec.consumers() + " KafkaConsumers (one thread each, subscribe + poll) on a " + spec.partitions()
                + "-partition topic, a producer sending " + spec.ratePerSec() + " records/s round robin; "
                + spec.repetitions() + " join(s) of an extra consumer and " + spec.repetitions()
                + " leave(s) by close() per group protocol and run, each timed from the event until every partition"
                + " is owned by exactly one member, every member owns at least one, and every partition has delivered a"
                + " record produced after the event (a run's figure is the median of its repetitions); the"
                + " assignment must stay unchanged " + spec.settleMs() + " ms between events. Classic: client"
                + " defaults, partition.assignment.strategy="
                + assignors(config)
                + " (the first, range, is the one used: eager), session.timeout.ms="
                + config.getInt(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG) + ", heartbeat.interval.ms="
                + config.getInt(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG) + ". Consumer protocol: the"
                + " broker's default server assignor, session timeout and heartbeat interval. Each broker runs with"
                + " its default group.initial.rebalance.delay.ms (3000 ms on both); it delays only a new group's"
                + " first rebalance, which is not measured.";
        return spec.crash() ? s + " Crash (classic protocol only): one member closed without leaving the group"
                + " (CloseOptions REMAIN_IN_GROUP), detected only by the session timeout. The consumer protocol"
                + " has no crash figure: its close(REMAIN_IN_GROUP) still ends the member's session at once." : s;
    }

    /** Simple class names; the default list holds Class objects, not the strings its type claims. */
    private static List<String> assignors(ConsumerConfig config) {
        List<?> list = config.getList(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        return list.stream().map(o -> o instanceof Class<?> c ? c.getSimpleName()
                : String.valueOf(o).substring(String.valueOf(o).lastIndexOf('.') + 1)).toList();
    }
}
