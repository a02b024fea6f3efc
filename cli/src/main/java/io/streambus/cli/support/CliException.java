package io.streambus.cli.support;

/**
 * A failure the operator can act on, reported as one line: {@code streambus: <message>}. Exit code 1,
 * or 2 for a {@link #usage usage} error (a bad flag value, a bad profile).
 */
public class CliException extends RuntimeException {

    private final boolean usage;

    public CliException(String message) {
        this(message, null, false);
    }

    public CliException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private CliException(String message, Throwable cause, boolean usage) {
        super(message, cause);
        this.usage = usage;
    }

    public static CliException usage(String message) {
        return new CliException(message, null, true);
    }

    public boolean isUsage() {
        return usage;
    }
}
