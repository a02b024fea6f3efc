package io.streambus.storage.log;

import java.nio.file.Path;

/**
 * Names of a segment's files: the base offset as 20 zero-padded digits plus a suffix, as Kafka names
 * them ({@code 00000000000000000042.log}). {@link #TXN_INDEX} holds the aborted transactions whose
 * markers are in the segment ({@link TransactionIndex}).
 */
public final class SegmentFiles {

    public static final String LOG = ".log";
    public static final String INDEX = ".index";
    public static final String TIME_INDEX = ".timeindex";
    public static final String TXN_INDEX = ".txnindex";
    /** Appended to a segment's files when it is deleted; the files go away after a delay. */
    public static final String DELETED = ".deleted";
    /** Appended to the files of a segment the cleaner is writing; removed at start-up. */
    public static final String CLEANED = ".cleaned";
    /** Appended to a cleaned segment ready to replace the segments it covers; completed at start-up. */
    public static final String SWAP = ".swap";

    private SegmentFiles() {
    }

    public static String baseName(long baseOffset) {
        String digits = Long.toString(baseOffset);
        return "0".repeat(20 - digits.length()) + digits;
    }

    public static Path log(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG);
    }

    public static Path offsetIndex(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX);
    }

    public static Path timeIndex(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX);
    }

    /** The base offset of a file named {@code <20 digits><suffix>}, or -1 if it is not one. */
    public static long parseBaseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != 20 + suffix.length()) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(fileName, 0, 20, 10);
    }
}
