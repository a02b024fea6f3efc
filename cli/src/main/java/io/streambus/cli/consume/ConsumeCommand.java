package io.streambus.cli.consume;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Format;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streambus consume TOPIC}: prints records through a template or as JSON/YAML. Without
 * {@code --follow} it stops at the end offsets seen when partitions were assigned; with {@code -n} after
 * that many records. With {@code --group} it joins the group and commits what it printed. Ctrl-C stops
 * it cleanly (the consumer is woken, commits and closes).
 */
@Command(name = "consume", description = {"Consume records and print them.",
        "Example: streambus consume orders --from @2026-01-31T12:00:00Z -t '{partition}@{offset} {key}={value}\\n'"})
public final class ConsumeCommand extends OperatorCommand {

    private static final Duration POLL = Duration.ofMillis(200);

    @Parameters(paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "Consume as a member of GROUP and commit offsets (starts from its committed offsets).")
    String group;

    @Option(names = {"-o", "--from"}, paramLabel = "POSITION", converter = StartPosition.Converter.class,
            description = "beginning, end, an offset, or @TIME (epoch ms or ISO-8601). "
                    + "Default: beginning, or the group's committed offsets.")
    StartPosition from;

    @Option(names = {"-p", "--partition"}, paramLabel = "N", description = "Only these partitions; repeatable (not with --group).")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Stop after N records.")
    long count = Long.MAX_VALUE;

    @Option(names = {"-f", "--follow"}, description = "Keep waiting for new records (until --count or Ctrl-C).")
    boolean follow;

    @Option(names = {"-t", "--template"}, paramLabel = "TEMPLATE", defaultValue = "{value}\\n",
            description = "Output per record (table format). Fields: " + RecordTemplate.FIELDS
                    + "; escapes \\n \\t. Default: ${DEFAULT-VALUE}")
    String template;

    public ConsumeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) throws InterruptedException {
        if (group != null && !partitions.isEmpty()) {
            throw CliException.usage("--partition and --group do not go together: the group assigns partitions");
        }
        RecordPrinter printer = new RecordPrinter(session.output(), session.output().format() == Format.TABLE
                ? RecordTemplate.compile(template) : null);
        TopicDescription description = session.clients().awaitTopic(session.clients().admin()
                .describeTopics(List.of(topic)).topicNameValues().get(topic), topic);
        for (int p : partitions) {
            if (p < 0 || p >= description.partitions().size()) {
                throw new CliException("Topic '" + topic + "' has no partition " + p);
            }
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        long consumed;
        CountDownLatch done = new CountDownLatch(1);
        KafkaConsumer<byte[], byte[]> consumer = session.clients().consumer(config);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            consumer.wakeup();
            awaitQuietly(done);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            consumed = consume(session, consumer, description, printer);
        } catch (KafkaException e) {
            throw session.clients().translate(e);
        } finally {
            // Without a group there is nothing to commit or leave: do not wait for a prefetch in flight.
            consumer.close(CloseOptions.timeout(group == null ? Duration.ZERO
                    : Duration.ofMillis(Math.min(session.settings().timeoutMs(), 5_000))));
            done.countDown();
            removeHook(hook);
        }
        session.output().notice("Consumed " + consumed + " record" + (consumed == 1 ? "" : "s") + " from " + topic);
        return 0;
    }

    private long consume(Session session, KafkaConsumer<byte[], byte[]> consumer, TopicDescription description,
                         RecordPrinter printer) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (group == null) {
            List<TopicPartition> assigned = new ArrayList<>();
            description.partitions().stream().filter(p -> partitions.isEmpty() || partitions.contains(p.partition()))
                    .forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
            consumer.assign(assigned);
            seek(consumer, assigned, from == null ? new StartPosition.Beginning() : from);
            ends.putAll(consumer.endOffsets(assigned));
        } else {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    revoked.forEach(ends::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    if (from != null) {
                        seek(consumer, assigned, from);
                    }
                    ends.putAll(consumer.endOffsets(assigned));
                }
            });
        }
        long deadlineNs = System.nanoTime() + session.settings().timeout().toNanos();
        long consumed = 0;
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        try {
            while (consumed < count) {
                if (!follow && caughtUp(consumer, ends)) {
                    break;
                }
                if (!follow && ends.isEmpty() && System.nanoTime() > deadlineNs) {
                    throw new CliException("No partitions of '" + topic + "' were assigned to this member of group '"
                            + group + "' within " + session.settings().timeoutMs() + " ms");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    printer.print(record);
                    toCommit.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    if (++consumed == count) {
                        break;
                    }
                }
                printer.flush();
                if (group != null && !toCommit.isEmpty()) {
                    consumer.commitSync(toCommit);
                    toCommit.clear();
                }
            }
        } catch (WakeupException e) {
            // Ctrl-C: what was printed is committed below.
            if (group != null && !toCommit.isEmpty()) {
                consumer.commitSync(toCommit);
            }
        }
        printer.flush();
        return consumed;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        if (ends.isEmpty()) {
            return consumer.assignment().isEmpty() && consumer.subscription().isEmpty();
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.assignment().contains(end.getKey()) && consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void seek(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> assigned,
                             StartPosition from) {
        if (assigned.isEmpty()) {
            return;
        }
        switch (from) {
            case StartPosition.Beginning b -> consumer.seekToBeginning(assigned);
            case StartPosition.End e -> consumer.seekToEnd(assigned);
            case StartPosition.Offset o -> assigned.forEach(tp -> consumer.seek(tp, o.offset()));
            case StartPosition.Timestamp t -> {
                Map<TopicPartition, Long> query = new HashMap<>();
                assigned.forEach(tp -> query.put(tp, t.epochMs()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
                List<TopicPartition> noneAfter = new ArrayList<>();
                found.forEach((tp, at) -> {
                    if (at == null) {
                        noneAfter.add(tp);
                    } else {
                        consumer.seek(tp, at.offset());
                    }
                });
                // An empty collection would mean "every assigned partition" to seekToEnd.
                if (!noneAfter.isEmpty()) {
                    consumer.seekToEnd(noneAfter);
                }
            }
        }
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook is running.
        }
    }
}
