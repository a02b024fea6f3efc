package io.streambus.storage.log;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestBatches;
import io.streambus.storage.testing.TestLogContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Opens standalone logs in a temp directory with a manual clock. */
abstract class LogTestSupport {

    static final LogId ID = new LogId("orders", 3);
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(io.streambus.storage.DurabilityPolicy.NONE);

    @TempDir
    Path dataDir;

    final ManualTime time = new ManualTime();
    final TestLogContext threads = new TestLogContext(time);
    SegmentedLog log;

    Path logDir() {
        return dataDir.resolve(ID.directoryName());
    }

    SegmentedLog open(LogConfig config) throws IOException {
        return open(config, LogState.EMPTY, false);
    }

    SegmentedLog open(LogConfig config, LogState state, boolean clean) throws IOException {
        log = SegmentedLog.open(ID, logDir(), config, threads.context(), state, clean);
        return log;
    }

    /** Clean close and reopen, as after a clean shutdown. */
    SegmentedLog reopen(LogConfig config) throws IOException {
        LogState state = new LogState(log.recoveryPoint(), log.logStartOffset(), log.highWatermark());
        log.close();
        return open(config, state, true);
    }

    static AppendResult append(PartitionLog log, int records) {
        return log.append(AppendRequest.fromClient(TestBatches.batch(records, 20, 1000), 7));
    }

    static List<MutableRecordBatch> readAll(PartitionLog log, long from) {
        ReadResult result = log.read(new ReadRequest(from, Integer.MAX_VALUE, Long.MAX_VALUE, true));
        return TestBatches.parse(bytes((ReadResult.Records) result));
    }

    static ByteBuffer bytes(ReadResult.Records records) {
        ByteBuffer buffer = ByteBuffer.allocate(records.slice().sizeInBytes());
        try {
            records.slice().readInto(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.flip();
    }

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
        threads.close();
    }
}
