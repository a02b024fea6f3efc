package io.streambus.broker.partition;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.config.EffectiveTopicConfig;
import io.streambus.metadata.image.MetadataDelta;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.loader.MetadataPublisher;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.ConfigResourceType;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.LogOfflineException;
import io.streambus.storage.PartitionLog;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the partitions this broker hosts in step with the metadata image: creates a log when a topic or
 * partition appears, deletes it when the topic goes, and pushes topic config changes into the logs.
 *
 * <p>Threading: {@link #onMetadataUpdate} runs on the metadata log's thread. It is registered with the
 * loader before the metadata log replays, when there is no {@link LogManager} yet; until
 * {@link #start} it only remembers the latest image, and {@code start} reconciles the logs on disk with
 * it. Both are serialised by this object's monitor. Lookups ({@link #partition}) are lock-free reads of
 * a concurrent map, from any thread.
 */
public final class PartitionManager implements MetadataPublisher {

    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);

    private final int nodeId;
    private final ConfigResolver resolver;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final List<Consumer<Partition>> removalListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Partition>> additionListeners = new CopyOnWriteArrayList<>();
    private final List<HighWatermarkListener> highWatermarkListeners = new CopyOnWriteArrayList<>();
    private LogManager logManager;
    private MetadataImage image = MetadataImage.EMPTY;

    public PartitionManager(int nodeId, ConfigResolver resolver) {
        this.nodeId = nodeId;
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "PartitionManager";
    }

    /** The effective log config of a topic in {@code image}; what {@link LogManager#open} needs at start-up. */
    public LogConfig logConfig(MetadataImage image, String topic) {
        return logConfig(image, resolver.resolveTopic(image, topic));
    }

    private LogConfig logConfig(MetadataImage image, EffectiveTopicConfig topicConfig) {
        // A broker setting, not a topic one, that storage keeps per log.
        long producerIdExpirationMs = resolver.brokerValue(image, BrokerConfigs.PRODUCER_ID_EXPIRATION_MS);
        return topicConfig.toLogConfig().withProducerIdExpirationMs(producerIdExpirationMs);
    }

    /** Opens a log for every partition of the image hosted here and deletes logs of topics that are gone. */
    public synchronized void start(LogManager logManager) {
        this.logManager = logManager;
        for (PartitionLog existing : logManager.logs()) {
            LogId id = existing.id();
            TopicImage topic = image.topics().topic(id.topic());
            boolean hosted = topic != null && topic.partition(id.partition()) != null
                    && topic.partition(id.partition()).hasReplica(nodeId);
            Optional<Uuid> onDisk = PartitionMetadataFile.read(existing.directory());
            if (!hosted || (onDisk.isPresent() && !onDisk.get().equals(topic.id()))) {
                log.info("[PartitionManager] deleting log {}: its topic no longer exists", id);
                logManager.delete(id);
            }
        }
        for (TopicImage topic : image.topics().byName().values()) {
            topic.partitions().forEach((index, registration) -> openIfHosted(topic, index, registration));
        }
    }

    @Override
    public synchronized void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        this.image = newImage;
        if (logManager == null) {
            return;
        }
        delta.topicsDelta().deletedTopics().values().forEach(this::removeTopic);
        delta.topicsDelta().changedTopics().forEach((id, topicDelta) -> {
            TopicImage topic = newImage.topics().topic(id);
            topicDelta.changedPartitions().forEach((index, registration) -> {
                Partition existing = partitions.get(new TopicPartition(topic.name(), index));
                if (existing != null) {
                    existing.updateLeaderEpoch(registration.leaderEpoch());
                    existing.updateInSyncReplicas(registration.isr().size());
                } else {
                    openIfHosted(topic, index, registration);
                }
            });
        });
        applyConfigChanges(delta.configsDelta().changedResources(), newImage);
    }

    private void openIfHosted(TopicImage topic, int index, PartitionRegistration registration) {
        if (!registration.hasReplica(nodeId)) {
            return;
        }
        TopicPartition tp = new TopicPartition(topic.name(), index);
        try {
            EffectiveTopicConfig topicConfig = resolver.resolveTopic(image, topic.name());
            PartitionLog partitionLog = logManager.getOrCreate(new LogId(topic.name(), index),
                    logConfig(image, topicConfig));
            if (PartitionMetadataFile.read(partitionLog.directory()).isEmpty()) {
                PartitionMetadataFile.write(partitionLog.directory(), topic.id());
            }
            Partition partition = new Partition(tp, topic.id(), partitionLog, registration.leaderEpoch(),
                    this::highWatermarkAdvanced);
            partition.updateInSyncReplicas(registration.isr().size());
            partition.updateProducePolicy(ProducePolicy.of(topicConfig));
            partitions.put(tp, partition);
            additionListeners.forEach(listener -> listener.accept(partition));
        } catch (LogOfflineException e) {
            log.error("[PartitionManager] partition {} is offline: {}", tp, e.getMessage());
        }
    }

    private void removeTopic(TopicImage topic) {
        for (int index : topic.partitions().keySet()) {
            Partition removed = partitions.remove(new TopicPartition(topic.name(), index));
            if (removed != null) {
                removalListeners.forEach(listener -> listener.accept(removed));
            }
            logManager.delete(new LogId(topic.name(), index));
        }
        log.info("[PartitionManager] deleted topic {} ({} partitions)", topic.name(), topic.numPartitions());
    }

    private void applyConfigChanges(Set<ConfigResource> changed, MetadataImage newImage) {
        boolean brokerDefaultsChanged = changed.stream().anyMatch(r -> r.type() == ConfigResourceType.BROKER);
        for (Partition partition : partitions.values()) {
            String topic = partition.topicPartition().topic();
            if (brokerDefaultsChanged || changed.contains(new ConfigResource(ConfigResourceType.TOPIC, topic))) {
                EffectiveTopicConfig topicConfig = resolver.resolveTopic(newImage, topic);
                partition.log().updateConfig(logConfig(newImage, topicConfig));
                partition.updateProducePolicy(ProducePolicy.of(topicConfig));
            }
        }
        if (logManager != null && !changed.isEmpty()) {
            logManager.cleaner().wakeUp(); // a topic may have become compacted, or its cleaning settings changed
        }
    }

    /**
     * Called with each partition this broker starts to host after {@link #start} (a new topic or partition),
     * on the metadata thread; must not block. Partitions already hosted are in {@link #partitions()}.
     */
    public void onPartitionAdded(Consumer<Partition> listener) {
        additionListeners.add(listener);
    }

    /** Called with each partition removed because its topic was deleted (to fail waiting requests, say). */
    public void onPartitionRemoved(Consumer<Partition> listener) {
        removalListeners.add(listener);
    }

    /** Called on the advancing thread each time a partition's high watermark moves forward; must not block. */
    public void onHighWatermarkAdvanced(HighWatermarkListener listener) {
        highWatermarkListeners.add(listener);
    }

    private void highWatermarkAdvanced(TopicPartition topicPartition) {
        for (HighWatermarkListener listener : highWatermarkListeners) {
            listener.onHighWatermarkAdvanced(topicPartition);
        }
    }

    public Optional<Partition> partition(TopicPartition topicPartition) {
        return Optional.ofNullable(partitions.get(topicPartition));
    }

    public Collection<Partition> partitions() {
        return partitions.values();
    }
}
