package io.streambus.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Output output(Format format, int width) {
        return new Output(format, new PrintWriter(out), new PrintWriter(err), width);
    }

    @Test
    void tableAlignsColumnsAndPrintsMissingValuesAsDashes() {
        output(Format.TABLE, 120).table(Table.of("name", "log_end_offset", "replicas")
                .row("orders", 42L, List.of(1, 2)).row("a", null, List.of()));
        assertThat(out.toString()).isEqualTo("""
                NAME    LOG-END-OFFSET  REPLICAS
                orders  42              1,2
                a       -               -
                """);
    }

    @Test
    void wideTablesShrinkTheirWidestColumnToFitTheTerminal() {
        String longValue = "x".repeat(100);
        output(Format.TABLE, 40).table(Table.of("key", "value").row("retention.ms", longValue));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(lines.get(1)).startsWith("retention.ms  xxxx").endsWith("x…");
    }

    @Test
    void columnsNeverShrinkBelowAFloorEvenOnATinyTerminal() {
        output(Format.TABLE, 10).table(Table.of("topic", "status").row("payments", "created"));
        assertThat(out.toString().lines().toList().get(1)).isEqualTo("payme…  creat…");
    }

    @Test
    void jsonEscapesAndKeepsNumbersAndSizesExact() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "a\"b\\c\nd\u0001");
        value.put("size", new ByteSize(1536));
        value.put("none", null);
        value.put("list", List.of(1, true));
        output(Format.JSON, 80).document(value);
        assertThat(out.toString()).isEqualTo("{\"text\":\"a\\\"b\\\\c\\nd\\u0001\",\"size\":1536,\"none\":null,"
                + "\"list\":[1,true]}\n");
        assertThat(new ByteSize(1536)).hasToString("1.5 KiB");
        assertThat(new ByteSize(12)).hasToString("12 B");
    }

    @Test
    void reportAsTableHasPairsAndTitledTablesAndAsYamlOneDocument() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("summary", Map.of("name", "orders"));
        report.put("partitions", Table.of("partition", "size").row(0, new ByteSize(2048)));
        output(Format.TABLE, 80).report(report);
        assertThat(out.toString()).isEqualTo("name  orders\n\nPARTITIONS\nPARTITION  SIZE\n0          2.0 KiB\n");
        out.getBuffer().setLength(0);
        output(Format.YAML, 80).report(report);
        assertThat(out.toString()).isEqualTo("summary:\n  name: orders\npartitions:\n- partition: 0\n  size: 2048\n");
    }

    @Test
    void noticesGoToStderr() {
        output(Format.JSON, 80).notice("Produced 1 record");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("Produced 1 record\n");
    }
}
