package io.streambus.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void readsTheRealLaunchersJvmOptions() throws Exception {
        // Surefire runs in bench/; the launcher is at the repository root.
        assertThat(LauncherOptions.read(Path.of("../streambus")))
                .contains("-XX:+UseZGC")
                .allMatch(o -> o.startsWith("-"));
    }

    @Test
    void parsesTheArrayLine() {
        String script = "#!/bin/bash\n# jvm_opts=(not this)\n  jvm_opts=(-Xmx1g  -XX:+UseZGC)\nexec java\n";
        assertThat(LauncherOptions.parse(script)).containsExactly("-Xmx1g", "-XX:+UseZGC");
    }

    @Test
    void refusesWhatNeedsAShell() {
        assertThatThrownBy(() -> LauncherOptions.parse("jvm_opts=(-Xmx$HEAP)\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LauncherOptions.parse("echo\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
