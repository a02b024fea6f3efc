package io.streambus.storage.log;

import io.streambus.storage.LogId;
import io.streambus.storage.batch.BatchHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes cleaner swaps a crash interrupted. The cleaner writes a cleaned segment as
 * {@code <base>.log.cleaned} (plus indexes), fsyncs it, renames it to {@code <base>.log.swap} (the commit
 * point), and only then replaces the segments it covers. So at start-up a {@code .cleaned} file is an
 * unfinished pass (deleted by the loader: the old segments are intact), and a {@code .log.swap} file is a
 * finished one: every {@code .log} whose base offset lies in [swap base, swap's last offset] is deleted and
 * the swap file becomes {@code <base>.log}. Its indexes are dropped and rebuilt by the loader's recovery.
 * Old segments of the same group past the swap's last offset (their records were all compacted away) may
 * survive this: they hold uncompacted but valid records, so nothing is lost or duplicated; the next
 * cleaning pass takes them.
 *
 * <p>Threading: used by the thread opening the log.
 */
final class SwapRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SwapRecovery.class);
    private static final String LOG_SWAP = SegmentFiles.LOG + SegmentFiles.SWAP;

    private SwapRecovery() {
    }

    static void completeSwaps(LogId id, Path dir) throws IOException {
        TreeSet<Long> swaps = new TreeSet<>();
        TreeSet<Long> logs = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                long swapBase = SegmentFiles.parseBaseOffset(name, LOG_SWAP);
                if (swapBase >= 0) {
                    swaps.add(swapBase);
                }
                long logBase = SegmentFiles.parseBaseOffset(name, SegmentFiles.LOG);
                if (logBase >= 0) {
                    logs.add(logBase);
                }
            }
        }
        for (long base : swaps) {
            Path swap = dir.resolve(SegmentFiles.baseName(base) + LOG_SWAP);
            long lastOffset = Math.max(base, lastOffset(swap));
            for (long replaced : logs.subSet(base, false, lastOffset, true)) {
                deleteSegment(dir, replaced);
            }
            Files.deleteIfExists(SegmentFiles.offsetIndex(dir, base));
            Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
            Files.move(swap, SegmentFiles.log(dir, base), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            LOG.info("[Log {}] completed an interrupted cleaner swap of segment {} (through offset {})", id, base,
                    lastOffset);
        }
    }

    private static void deleteSegment(Path dir, long base) throws IOException {
        Files.deleteIfExists(SegmentFiles.log(dir, base));
        Files.deleteIfExists(SegmentFiles.offsetIndex(dir, base));
        Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
    }

    /** Last offset of the last whole batch in the file (headers only), or -1 if it holds none. */
    private static long lastOffset(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(BatchHeader.LAST_OFFSET_DELTA + 4);
            long position = 0;
            long last = -1;
            while (size - position >= BatchHeader.HEADER_SIZE) {
                header.clear();
                while (header.hasRemaining()) {
                    // At least HEADER_SIZE bytes are left, so no end of file here.
                    channel.read(header, position + header.position());
                }
                long batchSize = BatchHeader.LOG_OVERHEAD + (long) header.getInt(BatchHeader.BATCH_LENGTH);
                if (batchSize < BatchHeader.HEADER_SIZE || position + batchSize > size) {
                    break;
                }
                last = header.getLong(BatchHeader.BASE_OFFSET) + header.getInt(BatchHeader.LAST_OFFSET_DELTA);
                position += batchSize;
            }
            return last;
        }
    }
}
