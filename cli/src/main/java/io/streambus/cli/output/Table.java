package io.streambus.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of values under named columns. Column keys are snake_case (the JSON and YAML field names); the
 * table header is the key in upper case with dashes ({@code log_end_offset} → {@code LOG-END-OFFSET}).
 * Not thread-safe: built and printed by the command's thread.
 */
public final class Table {

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Table of(String... columns) {
        return new Table(Arrays.asList(columns));
    }

    /** Adds a row; values in column order; null prints as "-" in a table and null in JSON. */
    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(Arrays.asList(values));
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    public List<String> headers() {
        return columns.stream().map(c -> c.toUpperCase(Locale.ROOT).replace('_', '-')).toList();
    }

    public List<List<Object>> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows as maps from column key to value, for JSON and YAML. */
    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), row.get(i));
            }
            maps.add(map);
        }
        return maps;
    }
}
