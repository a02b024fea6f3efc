package io.streambus.bench.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.bench.compare.BrokerSetup;
import io.streambus.bench.compare.Metric;
import io.streambus.bench.compare.Metrics;
import io.streambus.bench.compare.ProduceSpec;
import io.streambus.bench.compare.RoundResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    /** Kafka's figures are 10 in round 1 and 20 in round 2; StreamBus's are twice Kafka's. */
    private static List<RoundResult> syntheticResults() {
        List<RoundResult> results = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            for (BrokerSetup setup : BrokerSetup.ALL) {
                Map<String, Double> values = new LinkedHashMap<>();
                double base = round * 10.0 * (setup.kind().displayName().equals("StreamBus") ? 2 : 1);
                for (Metric m : Metrics.all(ProduceSpec.STANDARD)) {
                    values.put(m.id(), base);
                }
                // A curve that rises, as latency percentiles do.
                for (int i = 0; i < Metrics.PERCENTILES.size(); i++) {
                    values.put(Metrics.latency(Metrics.PERCENTILES.get(i)).id(), base * Math.pow(3, i) / 100);
                }
                List<String> errors = setup == BrokerSetup.KAFKA_DEFAULT && round == 2
                        ? List.of("consume 100 B, 1 partition: timed out") : List.of();
                if (!errors.isEmpty()) {
                    values.remove(Metrics.consume(ProduceSpec.STANDARD.getFirst()).id());
                }
                results.add(new RoundResult(setup.id(), round, values, errors));
            }
        }
        return results;
    }

    @Test
    void reportHasMediansRangesRatiosAndFailures() throws Exception {
        new ReportWriter(syntheticResults(), ProduceSpec.STANDARD).write(dir, Map.of("rounds", "2"), "a notice");
        String md = Files.readString(dir.resolve(ReportWriter.REPORT));
        assertThat(md).contains("## Durable: both fsync before acknowledging",
                "## Page cache: neither fsyncs", "(unequal durability)", "| rounds | 2 |", "> **a notice**");
        // Producer 100 B acks=1 1 partition: StreamBus 20 and 40, Kafka 10 and 20; ratio 2 in both rounds.
        assertThat(md).contains("| 100 B, acks=1, 1 partition | MB/s | 30 [20–40] | 15 [10–20] | **2.00** [2.00–2.00] | higher |");
        // The failed figure leaves one round for Kafka's default, so no range and a single ratio.
        assertThat(md).contains("| 100 B, 1 partition | MB/s | 30 [20–40] | 10 | 2.00 | higher |");
        assertThat(md).contains("- round 2, kafka-default: consume 100 B, 1 partition: timed out");
    }

    @Test
    void aRebalanceOnlyRunShowsRebalanceFiguresAgainstKafkasClassicProtocol() throws Exception {
        List<RoundResult> results = List.of(
                new RoundResult(BrokerSetup.STREAMBUS_FSYNC.id(), 1, Map.of(
                        Metrics.rebalance("classic", "join").id(), 300.0,
                        Metrics.rebalance("consumer", "join").id(), 100.0), List.of()),
                new RoundResult(BrokerSetup.KAFKA_DEFAULT.id(), 1, Map.of(
                        Metrics.rebalance("classic", "join").id(), 3000.0,
                        Metrics.rebalance("consumer", "join").id(), 5000.0), List.of()));

        new ReportWriter(results, ProduceSpec.STANDARD).write(dir, Map.of(), "");

        String md = Files.readString(dir.resolve(ReportWriter.REPORT));
        assertThat(md).contains("## Consumer group rebalance against Kafka's classic protocol",
                "### Out of the box: each system's defaults (unequal durability)",
                "| join | 300 | 100 | 3000 | 5000 | 0.10 | 0.033 |",
                // the same-protocol ratio, in the comparison's own table
                "| consumer protocol (KIP-848), a consumer joins | ms | 100 | 5000 | 0.020 | lower |");
        // Figures nobody measured (other workloads, the crash) have no rows.
        assertThat(md).doesNotContain("### Producer throughput", "| crash |", "crashes");
    }

    @Test
    void chartsArePngsOfTheExpectedSize() throws Exception {
        new ReportWriter(syntheticResults(), ProduceSpec.STANDARD).write(dir, Map.of(), "");
        for (String png : List.of(ReportWriter.LATENCY_PNG, ReportWriter.PRODUCE_PNG, ReportWriter.CONSUME_PNG)) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(ChartFrame.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ChartFrame.HEIGHT);
        }
    }

    @Test
    void resultsSurviveTheCsvRoundTrip() throws Exception {
        List<RoundResult> results = syntheticResults();
        Path csv = dir.resolve("results.csv");
        ResultsCsv.write(csv, results);
        assertThat(ResultsCsv.read(csv)).containsExactlyInAnyOrderElementsOf(results);
    }

    @Test
    void summaryTakesTheMiddleOrTheMeanOfTheTwoMiddleValues() {
        assertThat(Summary.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Summary(2.0, 1.0, 3.0, 3));
        assertThat(Summary.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Summary(2.5, 1.0, 4.0, 4));
    }

    @Test
    void barChartStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(BarChart.niceStep(37)).isEqualTo(50);
        assertThat(BarChart.niceStep(0.15)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(BarChart.niceStep(100)).isEqualTo(100);
    }

    @Test
    void smallRatiosKeepTwoSignificantDigits() {
        assertThat(Numbers.ratio(1.2345)).isEqualTo("1.23");
        assertThat(Numbers.ratio(0.00075321)).isEqualTo("0.00075");
        assertThat(Numbers.ratio(0)).isEqualTo("0.00");
        assertThat(Numbers.number(1234.4)).isEqualTo("1234");
        assertThat(Numbers.number(12.34)).isEqualTo("12.3");
        assertThat(Numbers.number(0.02345)).isEqualTo("0.023");
    }

    @Test
    void runInfoSurvivesItsFile() throws Exception {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("mode", "full");
        info.put("JVM options", "`-Xmx1G\t-Xms1G`");
        Path file = dir.resolve(RunInfoFile.NAME);
        RunInfoFile.write(file, info);
        assertThat(RunInfoFile.read(file)).containsExactly(Map.entry("mode", "full"),
                Map.entry("JVM options", "`-Xmx1G -Xms1G`"));
    }
}
