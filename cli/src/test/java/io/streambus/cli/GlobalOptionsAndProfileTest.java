package io.streambus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.cli.testing.CliRunner;
import io.streambus.cli.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global flags, the profile file and completion: no broker needed, the errors name what was tried. */
class GlobalOptionsAndProfileTest {

    @TempDir
    Path dir;

    private CliRunner withProfile(String yaml) throws Exception {
        Path profile = dir.resolve("profile.yaml");
        Files.writeString(profile, yaml);
        return new CliRunner(null, dir).env("STREAMBUS_PROFILE", profile.toString());
    }

    @Test
    void theProfileSuppliesBootstrapAndTimeoutAndFlagsOverrideIt() throws Exception {
        CliRunner cli = withProfile("bootstrap: 127.0.0.1:1\ntimeout: 300ms\nformat: json\n");
        assertThat(cli.runExactly("topic", "list").errLine())
                .startsWith("streambus: No answer from a broker at 127.0.0.1:1 within 300 ms");
        assertThat(cli.runExactly("--bootstrap", "127.0.0.1:2", "topic", "list", "--timeout", "200ms").errLine())
                .startsWith("streambus: No answer from a broker at 127.0.0.1:2 within 200 ms");
    }

    @Test
    void aBadProfileIsAUsageErrorNamingTheFileAndKey() throws Exception {
        Result unknown = withProfile("bootstrap: x:1\nbootstarp: y\n").runExactly("topic", "list");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLine()).isEqualTo("streambus: Unknown key 'bootstarp' in profile " + dir.resolve("profile.yaml")
                + "; accepted: bootstrap, timeout, format, properties");
        Result badFormat = withProfile("format: xml\n").runExactly("topic", "list");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.errLine()).contains("'xml' is not a format; accepted: table, json, yaml");
        Result missing = new CliRunner(null, dir).env("STREAMBUS_PROFILE", dir.resolve("none.yaml").toString())
                .runExactly("topic", "list");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLine()).isEqualTo("streambus: Profile not found: " + dir.resolve("none.yaml")
                + " (from $STREAMBUS_PROFILE)");
    }

    @Test
    void badGlobalFlagValuesAreUsageErrors() {
        Result format = new CliRunner(null, dir).runExactly("topic", "list", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.errLine()).contains("'xml' is not a format").endsWith("(see 'streambus topic list --help')");
        Result timeout = new CliRunner(null, dir).runExactly("--timeout", "soon", "topic", "list");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.errLine()).contains("'soon' is not a duration");
    }

    @Test
    void completionScriptsForBashAndZsh() {
        Result bash = new CliRunner(null, dir).runExactly("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F", "streambus", "reset-offsets", "alter-config", "--bootstrap");
        Result zsh = new CliRunner(null, dir).runExactly("completion", "zsh");
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n");
        assertThat(new CliRunner(null, dir).runExactly("completion", "fish").exitCode()).isEqualTo(2);
    }

    @Test
    void helpListsEveryCommand() {
        Result help = new CliRunner(null, dir).runExactly("--help");
        assertThat(help.out()).contains("cluster", "topic", "produce", "consume", "group", "config", "bench",
                "completion", "dev", "start", "--bootstrap", "--format", "--timeout");
    }
}
