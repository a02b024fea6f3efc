package io.streambus.storage.log;

import io.streambus.storage.LogId;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous segment deletion: segments leaving a log are renamed to {@code .deleted} at once (so a
 * restart removes them) and their files are deleted on the scheduler after {@code file.delete.delay.ms},
 * so that in-flight reads of a {@link FileLogSlice} (sendfile) still find their file open.
 *
 * <p>Threading: stateless; called under the owning log's lock.
 */
final class SegmentDeleter {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentDeleter.class);

    private SegmentDeleter() {
    }

    static void scheduleDelete(LogId id, List<LogSegment> removed, LogContext context) throws IOException {
        for (LogSegment segment : removed) {
            segment.renameToDeleted();
        }
        if (removed.isEmpty()) {
            return;
        }
        Runnable delete = () -> {
            for (LogSegment segment : removed) {
                try {
                    segment.delete();
                } catch (IOException e) {
                    LOG.warn("[Log {}] could not delete {}", id, segment.logFile(), e);
                }
            }
        };
        try {
            context.scheduler().schedule(delete, context.fileDeleteDelayMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            delete.run();
        }
    }
}
