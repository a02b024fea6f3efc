package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.RecordContent;
import io.streambus.storage.LogManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Topics, their configs and their data survive a clean restart, and a clean restart opens the logs without
 * a recovery scan (the clean-shutdown marker is written at stop and honoured at start).
 */
class RestartIT {

    private static final String TOPIC = "durable";
    private static final int PARTITIONS = 3;
    private static final int RECORDS_PER_PARTITION = 2_000;

    @TempDir
    Path dataDir;
    private final RecordContent content = new RecordContent(1_600_000_000_000L);

    @Test
    void topicsConfigsAndDataSurviveACleanRestart() throws Exception {
        Uuid topicId;
        try (InProcessBroker broker = InProcessBroker.start(dataDir)) {
            try (Admin admin = Clients.admin(broker.bootstrap())) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)
                        .configs(Map.of("retention.ms", "86400000")))).all().get();
                admin.createTopics(List.of(new NewTopic("empty", 1, (short) 1))).all().get();
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", "500000"), AlterConfigOp.OpType.SET)))).all().get();
                topicId = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).topicId();
            }
            produce(broker.bootstrap(), 0, RECORDS_PER_PARTITION);

            broker.stop();
            assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).exists();

            ListAppender<ILoggingEvent> logManagerLog = captureLogManagerLog();
            try {
                broker.restart();
            } finally {
                ((Logger) LoggerFactory.getLogger(LogManager.class)).detachAppender(logManagerLog);
            }
            assertThat(logManagerLog.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("after a clean shutdown"))
                    .noneSatisfy(line -> assertThat(line).contains("unclean"));
            assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE))
                    .as("marker removed once open, so that a crash now is recovered").doesNotExist();

            try (Admin admin = Clients.admin(broker.bootstrap())) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC, "empty");
                TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
                assertThat(description.topicId()).isEqualTo(topicId);
                assertThat(description.partitions()).hasSize(PARTITIONS);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("retention.ms").value()).isEqualTo("86400000");
                assertThat(config.get("max.message.bytes").value()).isEqualTo("500000");
            }
            consumeAndCheck(broker.bootstrap(), RECORDS_PER_PARTITION);

            // The log continues where it stopped.
            produce(broker.bootstrap(), RECORDS_PER_PARTITION, 100);
            consumeAndCheck(broker.bootstrap(), RECORDS_PER_PARTITION + 100);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogManagerLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(LogManager.class)).addAppender(appender);
        return appender;
    }

    private void produce(String bootstrap, int fromIndex, int count) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
            for (int index = fromIndex; index < fromIndex + count; index++) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    producer.send(content.record(TOPIC, partition, index), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
            }
            producer.flush();
        }
        assertThat(failure.get()).as("first failed send").isNull();
    }

    private void consumeAndCheck(String bootstrap, long expectedPerPartition) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(TOPIC, p));
        }
        long[] next = new long[PARTITIONS];
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = expectedPerPartition * PARTITIONS;
            long received = 0;
            while (received < total) {
                var records = consumer.poll(Duration.ofSeconds(5));
                assertThat(records.isEmpty()).as("records stopped at %d of %d", received, total).isFalse();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    long index = next[record.partition()]++;
                    assertThat(record.offset()).isEqualTo(index);
                    content.assertMatches(record, index);
                    received++;
                }
            }
            assertThat(next).containsOnly(expectedPerPartition);
            assertThat(consumer.endOffsets(partitions).values()).containsOnly(expectedPerPartition);
        }
    }
}
