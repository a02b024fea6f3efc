package io.streambus.cli.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command tests against one in-process broker that a test class's tests share: started before the
 * first, closed after the last. A subclass adds its own data in a {@code @BeforeAll} of another name
 * (JUnit runs this class's first).
 */
public abstract class BrokerCommandTest {

    @TempDir
    protected static Path dir;
    protected static BrokerFixture broker;

    @BeforeAll
    static void startBroker() {
        broker = BrokerFixture.start(dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** The CLI, pointed at the broker, with its working directory in the test's temporary directory. */
    protected CliRunner cli() {
        return new CliRunner(broker.bootstrap(), dir);
    }
}
