package io.streambus.it.compat.driver;

import java.lang.reflect.Method;
import java.util.Map;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;

/**
 * The calls whose names changed between kafka-clients 2.8 and 4.x, looked up by name so one driver runs on
 * every version: {@code DescribeTopicsResult.all()} became {@code allTopicNames()} in 3.1 and the old name
 * was removed in 4.0.
 */
final class Compat {

    private Compat() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, TopicDescription> topicsByName(DescribeTopicsResult result) throws Exception {
        Method method;
        try {
            method = DescribeTopicsResult.class.getMethod("allTopicNames");
        } catch (NoSuchMethodException beforeThreeOne) {
            method = DescribeTopicsResult.class.getMethod("all");
        }
        return ((KafkaFuture<Map<String, TopicDescription>>) method.invoke(result)).get();
    }
}
