package io.streambus.cli.consume;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code consume --from} starts: {@code beginning}, {@code end}, an offset ({@code 42}), or a time
 * ({@code @1700000000000} in epoch ms or {@code @2026-01-31T12:00:00Z}): the first record at or after it.
 */
public sealed interface StartPosition {

    record Beginning() implements StartPosition { }

    record End() implements StartPosition { }

    record Offset(long offset) implements StartPosition { }

    record Timestamp(long epochMs) implements StartPosition { }

    static StartPosition parse(String text) {
        String value = text.strip();
        if (value.equals("beginning") || value.equals("earliest")) {
            return new Beginning();
        }
        if (value.equals("end") || value.equals("latest")) {
            return new End();
        }
        try {
            if (value.startsWith("@")) {
                String time = value.substring(1);
                return new Timestamp(time.chars().allMatch(Character::isDigit)
                        ? Long.parseLong(time) : Instant.parse(time).toEpochMilli());
            }
            long offset = Long.parseLong(value);
            if (offset >= 0) {
                return new Offset(offset);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the one message below
        }
        throw new TypeConversionException("'" + text + "' is not a start position; accepted: beginning, end, "
                + "an offset (42), @EPOCH_MS or @ISO-8601 time (@2026-01-31T12:00:00Z)");
    }

    final class Converter implements ITypeConverter<StartPosition> {
        @Override
        public StartPosition convert(String value) {
            return parse(value);
        }
    }
}
