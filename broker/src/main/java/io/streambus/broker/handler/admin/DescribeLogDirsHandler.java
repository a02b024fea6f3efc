package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.PartitionLog;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DescribeLogDirs v1..4: the broker's one data directory with the size of each partition log in it (all, or
 * the requested ones). There are no future replicas and a local log lags nothing, so the offset lag is 0 and
 * isFutureKey false. From v4 the file store's total and usable bytes: querying the file system is a
 * blocking call, so the response is built on a virtual thread, never on the event loop.
 */
public final class DescribeLogDirsHandler
        implements ApiHandler<DescribeLogDirsRequestData, DescribeLogDirsResponseData> {

    private static final Logger log = LoggerFactory.getLogger(DescribeLogDirsHandler.class);
    private static final Executor BLOCKING = task -> Thread.ofVirtual().name("describe-log-dirs").start(task);

    private final LogManager logs;

    public DescribeLogDirsHandler(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_LOG_DIRS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletionStage<DescribeLogDirsResponseData> handle(RequestContext context,
                                                               DescribeLogDirsRequestData request) {
        Set<LogId> wanted = wanted(request);
        boolean withSpace = context.apiVersion() >= 4;
        return CompletableFuture.supplyAsync(() -> response(wanted, withSpace), BLOCKING);
    }

    /** The requested partitions, or null for all of them. */
    private static Set<LogId> wanted(DescribeLogDirsRequestData request) {
        if (request.topics() == null) {
            return null;
        }
        Set<LogId> wanted = new HashSet<>();
        for (DescribableLogDirTopic topic : request.topics()) {
            for (int partition : topic.partitions()) {
                wanted.add(new LogId(topic.topic(), partition));
            }
        }
        return wanted;
    }

    private DescribeLogDirsResponseData response(Set<LogId> wanted, boolean withSpace) {
        DescribeLogDirsResult dir = new DescribeLogDirsResult()
                .setLogDir(logs.dataDir().toAbsolutePath().toString())
                .setErrorCode(Errors.NONE.code());
        Map<String, DescribeLogDirsTopic> topics = new TreeMap<>();
        for (PartitionLog partitionLog : logs.logs()) {
            LogId id = partitionLog.id();
            if (wanted != null && !wanted.contains(id)) {
                continue;
            }
            topics.computeIfAbsent(id.topic(), name -> new DescribeLogDirsTopic().setName(name))
                    .partitions().add(new DescribeLogDirsPartition()
                            .setPartitionIndex(id.partition())
                            .setPartitionSize(partitionLog.sizeInBytes())
                            .setOffsetLag(0)
                            .setIsFutureKey(false));
        }
        dir.topics().addAll(topics.values());
        if (withSpace) {
            try {
                FileStore store = Files.getFileStore(logs.dataDir());
                dir.setTotalBytes(store.getTotalSpace()).setUsableBytes(store.getUsableSpace());
            } catch (IOException e) {
                log.warn("[DescribeLogDirs] cannot read the file store of {}: {}", logs.dataDir(), e.toString());
                dir.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
            }
        }
        return new DescribeLogDirsResponseData().setErrorCode(Errors.NONE.code()).setResults(
                new ArrayList<>(List.of(dir)));
    }
}
