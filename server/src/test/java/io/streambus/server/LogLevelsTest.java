package io.streambus.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelsTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Level before = context.getLogger(LogLevels.ROOT_PACKAGE).getLevel();

    @AfterEach
    void restore() {
        context.getLogger(LogLevels.ROOT_PACKAGE).setLevel(before);
    }

    @Test
    void setsTheLevelOfOurPackagesOnly() {
        Level root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel();
        assertThat(LogLevels.apply("DEBUG")).isTrue();
        assertThat(LoggerFactory.getLogger("io.streambus.storage.Segment").isDebugEnabled()).isTrue();
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(root);
        LogLevels.apply("WARN");
        assertThat(LoggerFactory.getLogger("io.streambus.server.X").isInfoEnabled()).isFalse();
    }
}
