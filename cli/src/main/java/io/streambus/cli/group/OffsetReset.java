package io.streambus.cli.group;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code group reset-offsets} moves a group: exactly one of earliest, latest, a time, an offset, or a
 * shift from the committed offset. Offsets are clamped to the log's range.
 */
final class OffsetReset {

    @Option(names = "--to-earliest", required = true, description = "To the first offset still in the log.")
    boolean earliest;

    @Option(names = "--to-latest", required = true, description = "To the log end: skip everything not yet read.")
    boolean latest;

    @Option(names = "--to-datetime", paramLabel = "TIME", required = true,
            description = "To the first record at or after TIME (epoch ms or ISO-8601, e.g. 2026-01-31T12:00:00Z).")
    String datetime;

    @Option(names = "--to-offset", paramLabel = "N", required = true, description = "To offset N.")
    Long offset;

    @Option(names = "--shift-by", paramLabel = "N", required = true,
            description = "By N from the committed offset (negative: back, re-read).")
    Long shift;

    boolean needsTimestamp() {
        return datetime != null;
    }

    long timestampMs() {
        try {
            return datetime.chars().allMatch(Character::isDigit) ? Long.parseLong(datetime)
                    : Instant.parse(datetime).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new TypeConversionException("'" + datetime + "' is not a time: epoch ms or ISO-8601 "
                    + "(2026-01-31T12:00:00Z)");
        }
    }

    /**
     * @param committed the group's offset, or null when it has none (a shift then starts from earliest)
     * @param byTime    the offset found for the time (-1: no record that late), when resetting by time
     */
    long target(Long committed, long earliestOffset, long latestOffset, long byTime) {
        long wanted;
        if (earliest) {
            wanted = earliestOffset;
        } else if (latest) {
            wanted = latestOffset;
        } else if (datetime != null) {
            wanted = byTime < 0 ? latestOffset : byTime;
        } else if (offset != null) {
            wanted = offset;
        } else {
            wanted = (committed == null ? earliestOffset : committed) + shift;
        }
        return Math.max(earliestOffset, Math.min(latestOffset, wanted));
    }

    String describe() {
        if (earliest) {
            return "earliest";
        }
        if (latest) {
            return "latest";
        }
        if (datetime != null) {
            return "time " + datetime;
        }
        return offset != null ? "offset " + offset : "shift " + shift;
    }
}
