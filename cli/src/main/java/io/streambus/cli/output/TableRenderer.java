package io.streambus.cli.output;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a {@link Table} as aligned columns that fit the terminal: when the natural widths are too wide,
 * the widest columns give way first and their cells are cut with an ellipsis. Stateless.
 */
public final class TableRenderer {

    static final String GAP = "  ";
    /** A column is never squeezed below this (or its natural width, if smaller). */
    private static final int MIN_WIDTH = 6;

    private final int terminalWidth;

    public TableRenderer(int terminalWidth) {
        this.terminalWidth = terminalWidth;
    }

    public void render(Table table, PrintWriter out) {
        List<String> headers = table.headers();
        int n = headers.size();
        String[][] cells = new String[table.rows().size()][];
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = headers.get(c).length();
        }
        for (int r = 0; r < cells.length; r++) {
            List<Object> row = table.rows().get(r);
            cells[r] = new String[n];
            for (int c = 0; c < n; c++) {
                cells[r][c] = cell(row.get(c));
                widths[c] = Math.max(widths[c], cells[r][c].length());
            }
        }
        fit(widths);
        printRow(headers.toArray(String[]::new), widths, out);
        for (String[] row : cells) {
            printRow(row, widths, out);
        }
        out.flush();
    }

    /** Key-value lines, keys aligned: the summary part of a describe. */
    public void renderPairs(Map<String, ?> pairs, PrintWriter out) {
        int keyWidth = pairs.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, ?> e : pairs.entrySet()) {
            String key = e.getKey();
            String line = key + " ".repeat(keyWidth - key.length()) + GAP + cell(e.getValue());
            out.println(cut(line, terminalWidth));
        }
        out.flush();
    }

    /** Shrinks the widest columns, one character at a time, until the line fits or nothing can give. */
    private void fit(int[] widths) {
        int total = (widths.length - 1) * GAP.length();
        int[] floor = new int[widths.length];
        for (int c = 0; c < widths.length; c++) {
            total += widths[c];
            floor[c] = Math.min(widths[c], MIN_WIDTH);
        }
        while (total > terminalWidth) {
            int widest = -1;
            for (int c = 0; c < widths.length; c++) {
                if (widths[c] > floor[c] && (widest < 0 || widths[c] > widths[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
            total--;
        }
    }

    private static void printRow(String[] row, int[] widths, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            String text = cut(row[c], widths[c]);
            line.append(text);
            if (c < row.length - 1) {
                line.append(" ".repeat(widths[c] - text.length())).append(GAP);
            }
        }
        out.println(line);
    }

    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
    }

    static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Collection<?> values) {
            return values.isEmpty() ? "-" : values.stream().map(TableRenderer::cell).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + cell(e.getValue()))
                    .collect(Collectors.joining(","));
        }
        return value.toString().replace('\n', ' ');
    }
}
