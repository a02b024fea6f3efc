package io.streambus.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Applies {@code streambus.log.level} to the {@code io.streambus} loggers when Logback is the backend. */
public final class LogLevels {

    static final String ROOT_PACKAGE = "io.streambus";

    private LogLevels() {
    }

    /** @return whether the level could be applied (false under another SLF4J backend) */
    public static boolean apply(String level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.getLogger(ROOT_PACKAGE).setLevel(Level.toLevel(level, Level.INFO));
            return true;
        }
        return false;
    }
}
