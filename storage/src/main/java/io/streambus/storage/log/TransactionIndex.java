package io.streambus.storage.log;

import io.streambus.storage.AbortedTxn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.nio.channels.ClosedChannelException;

/**
 * The aborted transactions of one log: in memory for read_committed fetches, and on disk as one
 * {@code <base>.txnindex} file per segment holding the abort markers of that segment.
 *
 * <p>File layout (Kafka's), a sequence of 34-byte entries, big-endian:
 * <pre>
 *  0  int16  version           0
 *  2  int64  producerId
 * 10  int64  firstOffset       the transaction's first offset in this log
 * 18  int64  lastOffset        the abort marker's offset (inside the file's segment)
 * 26  int64  lastStableOffset  the log's LSO once the marker was written
 * </pre>
 * A torn last entry (crash mid-write) is ignored. Entries below the recovery point are durable (the files
 * are forced with the segments, see {@link #flush}); later ones are rebuilt by the producer-state replay,
 * which re-adds every abort marker it meets ({@link #add} ignores ones already known).
 *
 * <p>Threading: mutations under the owning log's lock; {@link #overlapping} from any thread (the map is
 * concurrent, entries are immutable).
 */
final class TransactionIndex {

    static final int ENTRY_BYTES = 34;
    private static final short VERSION = 0;

    private final Path dir;
    /** By marker offset. */
    private final ConcurrentSkipListMap<Long, AbortedTxn> aborted = new ConcurrentSkipListMap<>();
    /** Files appended to since open; forced by flusher threads, hence concurrent. */
    private final Map<Long, FileChannel> open = new ConcurrentHashMap<>();

    TransactionIndex(Path dir) {
        this.dir = dir;
    }

    /**
     * Loads every {@code .txnindex} file of the directory, keeps the entries inside [logStart, logEnd) and, if
     * any file belongs to no segment (a cleaner swap merged its segment) or lost entries, rewrites the files
     * grouped by the segments that now hold the markers.
     */
    void load(NavigableMap<Long, LogSegment> segments, long logStart, long logEnd) throws IOException {
        aborted.clear();
        boolean rewrite = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFiles.TXN_INDEX)) {
            for (Path file : files) {
                long base = SegmentFiles.parseBaseOffset(file.getFileName().toString(), SegmentFiles.TXN_INDEX);
                if (base < 0) {
                    continue;
                }
                rewrite |= !segments.containsKey(base);
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
                while (bytes.remaining() >= ENTRY_BYTES) {
                    bytes.getShort();
                    AbortedTxn txn = new AbortedTxn(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
                    if (txn.lastOffset() >= logStart && txn.lastOffset() < logEnd) {
                        aborted.put(txn.lastOffset(), txn);
                    } else {
                        rewrite = true;
                    }
                }
            }
        }
        if (rewrite) {
            rewriteAll(segments);
        }
    }

    /** Records an abort marker written in the segment at {@code segmentBase}; no-op if already known. */
    void add(AbortedTxn txn, long segmentBase) throws IOException {
        if (aborted.putIfAbsent(txn.lastOffset(), txn) == null) {
            write(txn, segmentBase);
        }
    }

    private void write(AbortedTxn txn, long segmentBase) throws IOException {
        FileChannel channel = channel(segmentBase);
        ByteBuffer entry = ByteBuffer.allocate(ENTRY_BYTES);
        entry.putShort(VERSION).putLong(txn.producerId()).putLong(txn.firstOffset()).putLong(txn.lastOffset())
                .putLong(txn.lastStableOffset()).flip();
        while (entry.hasRemaining()) {
            channel.write(entry);
        }
    }

    /** Aborted transactions with data at or above {@code fromOffset} that started below {@code upperBound}. */
    List<AbortedTxn> overlapping(long fromOffset, long upperBound) {
        List<AbortedTxn> result = new ArrayList<>();
        for (AbortedTxn txn : aborted.tailMap(fromOffset, true).values()) {
            if (txn.firstOffset() < upperBound) {
                result.add(txn);
            }
        }
        return result;
    }

    /** Forces the files to disk; with the segments' fsync, before a recovery point moves. */
    void flush() throws IOException {
        for (FileChannel channel : open.values()) {
            try {
                channel.force(true);
            } catch (ClosedChannelException e) {
                // Rewritten or deleted meanwhile: the rewrite forced its own files.
            }
        }
    }

    /** Drops entries at or above {@code offset} (truncation) and rewrites the files. */
    void truncateTo(long offset, NavigableMap<Long, LogSegment> segments) throws IOException {
        if (aborted.ceilingKey(offset) == null) {
            return;
        }
        aborted.tailMap(offset, true).clear();
        rewriteAll(segments);
    }

    /** Segments below {@code firstSegmentBase} went: their entries and files too. */
    void deleteBelow(long firstSegmentBase) throws IOException {
        aborted.headMap(firstSegmentBase, false).clear();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFiles.TXN_INDEX)) {
            for (Path file : files) {
                long base = SegmentFiles.parseBaseOffset(file.getFileName().toString(), SegmentFiles.TXN_INDEX);
                if (base >= 0 && base < firstSegmentBase) {
                    closeChannel(base);
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A cleaned segment replaced others: its file holds their markers now. */
    void onSegmentsReplaced(NavigableMap<Long, LogSegment> segments) throws IOException {
        rewriteAll(segments);
    }

    /** Everything went (full truncation). */
    void clear() throws IOException {
        aborted.clear();
        rewriteAll(new TreeMap<>());
    }

    void close() {
        for (FileChannel channel : open.values()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing to do: the entries are written; close only releases the descriptor.
            }
        }
        open.clear();
    }

    private FileChannel channel(long segmentBase) throws IOException {
        FileChannel channel = open.get(segmentBase);
        if (channel == null) {
            channel = FileChannel.open(file(segmentBase), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            open.put(segmentBase, channel);
        }
        return channel;
    }

    private void closeChannel(long base) throws IOException {
        FileChannel channel = open.remove(base);
        if (channel != null) {
            channel.close();
        }
    }

    /** Rewrites every file from memory, each marker in the file of the segment holding it. Rare. */
    private void rewriteAll(NavigableMap<Long, LogSegment> segments) throws IOException {
        close();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFiles.TXN_INDEX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        for (AbortedTxn txn : aborted.values()) {
            Long base = segments.floorKey(txn.lastOffset());
            write(txn, base == null ? 0 : base);
        }
        flush();
    }

    private Path file(long segmentBase) {
        return dir.resolve(SegmentFiles.baseName(segmentBase) + SegmentFiles.TXN_INDEX);
    }
}
