package io.streambus.bench.compare.report;

import io.streambus.bench.compare.RoundResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw results, one figure per line: {@code round,setup,metric,value}, then {@code round,setup,error,"text"}
 * lines. The report is generated from this file, so it can be regenerated (--report-only) without
 * running anything again.
 */
public final class ResultsCsv {

    private static final String HEADER = "round,setup,metric,value";
    private static final String ERROR = "error";

    private ResultsCsv() {
    }

    public static void write(Path file, List<RoundResult> results) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (RoundResult r : results) {
            r.values().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append(r.round())
                    .append(',').append(r.setupId()).append(',').append(e.getKey()).append(',')
                    .append(e.getValue()).append('\n'));
            for (String error : r.errors()) {
                out.append(r.round()).append(',').append(r.setupId()).append(',').append(ERROR).append(",\"")
                        .append(error.replace("\"", "'").replace('\n', ' ')).append("\"\n");
            }
        }
        Files.writeString(file, out);
    }

    public static List<RoundResult> read(Path file) throws IOException {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.equals(HEADER)) {
                continue;
            }
            String[] f = line.split(",", 4);
            String key = f[0] + "," + f[1];
            values.computeIfAbsent(key, k -> new LinkedHashMap<>());
            errors.computeIfAbsent(key, k -> new ArrayList<>());
            if (f[2].equals(ERROR)) {
                errors.get(key).add(f[3].substring(1, f[3].length() - 1));
            } else {
                values.get(key).put(f[2], Double.parseDouble(f[3]));
            }
        }
        List<RoundResult> results = new ArrayList<>();
        values.forEach((key, v) -> {
            String[] k = key.split(",", 2);
            results.add(new RoundResult(k[1], Integer.parseInt(k[0]), v, errors.get(key)));
        });
        return results;
    }
}
