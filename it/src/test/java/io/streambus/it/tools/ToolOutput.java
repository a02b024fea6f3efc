package io.streambus.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.KafkaTool;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reading what a Kafka tool printed: its lines without the in-process broker's log lines (the broker logs to the
 * same {@code System.out} the tool's output is captured from), and its tables as rows of whitespace-separated
 * cells.
 */
final class ToolOutput {

    /** The it module's logback pattern: {@code HH:mm:ss.SSS LEVEL [thread] ...}. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) .*");

    private ToolOutput() {
    }

    /** Non-blank lines the tool printed on stdout, trimmed, without log lines. */
    static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank() && !LOG_LINE.matcher(line).matches())
                .map(String::trim).toList();
    }

    /** The table rows whose first cell is {@code firstCell}, split into cells. */
    static List<List<String>> rows(String text, String firstCell) {
        return lines(text).stream().map(line -> Arrays.asList(line.split("\\s+")))
                .filter(cells -> cells.getFirst().equals(firstCell)).toList();
    }

    /** The cells of the header line starting with {@code firstCell}. */
    static List<String> header(String text, String firstCell) {
        return rows(text, firstCell).getFirst();
    }

    /** Stdout of a tool that must have succeeded (exit code 0, nothing on stderr but log lines). */
    static String ok(KafkaTool.Result result) {
        assertThat(result.exitCode()).as("exit code; stdout: %s; stderr: %s", result.out(), result.err()).isZero();
        assertThat(lines(result.err())).as("stderr").isEmpty();
        return result.out();
    }

    /** {@code --bootstrap-server <bootstrap>} followed by {@code args}. */
    static String[] withBootstrap(String bootstrap, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = bootstrap;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }
}
