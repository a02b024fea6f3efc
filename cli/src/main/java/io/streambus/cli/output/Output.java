package io.streambus.cli.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command's result goes: stdout, in the chosen {@link Format}. A result is a {@link Table}, a map of
 * pairs, or a report (a map whose values are tables, maps or scalars: a describe's sections). Progress and
 * notices go to stderr through {@link #notice}, so that stdout stays parseable. Used by the command's thread.
 */
public final class Output {

    private final Format format;
    private final PrintWriter out;
    private final PrintWriter err;
    private final TableRenderer tables;

    public Output(Format format, PrintWriter out, PrintWriter err, int terminalWidth) {
        this.format = format;
        this.out = out;
        this.err = err;
        this.tables = new TableRenderer(terminalWidth);
    }

    public Format format() {
        return format;
    }

    public PrintWriter out() {
        return out;
    }

    public void table(Table table) {
        switch (format) {
            case TABLE -> tables.render(table, out);
            case JSON, YAML -> document(table);
        }
    }

    public void pairs(Map<String, ?> pairs) {
        switch (format) {
            case TABLE -> tables.renderPairs(pairs, out);
            case JSON, YAML -> document(pairs);
        }
    }

    /**
     * Sections in order. As a table: maps as aligned pairs, tables under an upper-case title, scalars as
     * pairs, separated by blank lines. As JSON or YAML: one object with a field per section.
     */
    public void report(Map<String, ?> sections) {
        if (format != Format.TABLE) {
            document(sections);
            return;
        }
        boolean first = true;
        for (Map.Entry<String, ?> section : sections.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            Object value = section.getValue();
            if (value instanceof Table table) {
                String title = section.getKey().toUpperCase(Locale.ROOT).replace('_', ' ');
                out.println(title);
                tables.render(table, out);
            } else if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> pairs = (Map<String, ?>) map;
                tables.renderPairs(pairs, out);
            } else {
                tables.renderPairs(Map.of(section.getKey(), value), out);
            }
        }
        out.flush();
    }

    /** One JSON or YAML document; as a table format, the plain JSON (scalars and lists are rare here). */
    public void document(Object value) {
        if (format == Format.YAML) {
            out.print(Yaml.write(value));
        } else {
            out.println(Json.write(value));
        }
        out.flush();
    }

    /** A line for the operator on stderr: never mixed into results. */
    public void notice(String line) {
        err.println(line);
        err.flush();
    }
}
