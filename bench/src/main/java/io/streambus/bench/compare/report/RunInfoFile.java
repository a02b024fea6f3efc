package io.streambus.bench.compare.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "Run" table of a report (what was run, where, how), kept next to results.csv as
 * {@code key<TAB>value} lines so that --report-only can redraw the same report.
 */
public final class RunInfoFile {

    public static final String NAME = "run-info.tsv";

    private RunInfoFile() {
    }

    public static void write(Path file, Map<String, String> info) throws IOException {
        StringBuilder out = new StringBuilder();
        info.forEach((k, v) -> out.append(k.replace('\t', ' ')).append('\t')
                .append(v.replace('\t', ' ').replace('\n', ' ')).append('\n'));
        Files.writeString(file, out);
    }

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                info.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return info;
    }
}
