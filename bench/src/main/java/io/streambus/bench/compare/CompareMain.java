package io.streambus.bench.compare;

import io.streambus.bench.compare.rebalance.RebalanceWorkload;
import io.streambus.bench.compare.report.ReportWriter;
import io.streambus.bench.compare.report.ResultsCsv;
import io.streambus.bench.compare.report.RunInfoFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar bench/target/compare.jar [--rounds N] [--quick]}: StreamBus and Apache Kafka side by
 * side on this machine (see docs/benchmarks.md). Paths are relative to the repository root, {@code --home}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Benchmark StreamBus against Apache Kafka on this machine; writes report.md, results.csv"
                + " and PNG charts.")
public final class CompareMain implements Callable<Integer> {

    @Option(names = "--rounds", description = "Rounds (default 3; 1 with --quick).")
    Integer rounds;

    @Option(names = "--quick", description = "Seconds-long workloads, to check that everything works.")
    boolean quick;

    @Option(names = "--setups", split = ",", description = "Setups to run, by id (default all): streambus-fsync, kafka-flush1,"
            + " streambus-none, kafka-default.")
    List<String> setupIds = BrokerSetup.ALL.stream().map(BrokerSetup::id).toList();

    @Option(names = "--workloads", split = ",", description = "Workloads to run (default all): produce, consume,"
            + " latency, rebalance. Cold start and the broker process figures always run.")
    List<String> workloadIds = Workload.all().stream().map(Workload::id).toList();

    @Option(names = "--rebalance-crash", description = "Also measure a consumer crashing (no LeaveGroup), classic"
            + " protocol only: about one session timeout (45 s) per setup.")
    boolean rebalanceCrash;

    @Option(names = "--latency-rate", description = "Records/s of the latency workload (default 5000; 1000 with --quick).")
    Integer latencyRate;

    @Option(names = "--home", description = "Repository root (default: the current directory).")
    Path home = Path.of(".");

    @Option(names = "--out", description = "Report directory (default docs/benchmarks).")
    Path out;

    @Option(names = "--work-dir", description = "Run directories with broker data; put it on the disk to measure"
            + " (default bench/target/compare-work).")
    Path workDir;

    @Option(names = "--report-only", description = "Only redraw the report from <out>/results.csv and run-info.tsv.")
    boolean reportOnly;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = home.toAbsolutePath().normalize();
        Path outDir = out != null ? out.toAbsolutePath() : root.resolve("docs/benchmarks");
        if (reportOnly) {
            Map<String, String> info = RunInfoFile.read(outDir.resolve(RunInfoFile.NAME));
            String notice = CompareRunner.QUICK_MODE.equals(info.get("mode")) ? ReportWriter.QUICK_NOTICE : "";
            new ReportWriter(ResultsCsv.read(outDir.resolve("results.csv")), ProduceSpec.STANDARD)
                    .write(outDir, info, notice);
            return 0;
        }
        new CompareRunner(settings(root, outDir)).run();
        return 0;
    }

    CompareSettings settings(Path root, Path outDir) {
        int n = rounds != null ? rounds : quick ? 1 : 3;
        long warmupMs = quick ? 1_000 : 5_000;
        long measureMs = quick ? 2_000 : 10_000;
        int rate = latencyRate != null ? latencyRate : quick ? 1_000 : 5_000;
        var latency = new EndToEndLatency.Spec(rate, 1024, 1, quick ? 1_000 : 10_000, quick ? 4_000 : 30_000);
        var transactions = new TransactionalProduce.Spec(100, 1024, 3, warmupMs, measureMs);
        return new CompareSettings(quick, n, setupIds.stream().map(BrokerSetup::byId).toList(), ProduceSpec.STANDARD,
                warmupMs, measureMs, latency, transactions, 120_000,
                workDir != null ? workDir.toAbsolutePath() : root.resolve("bench/target/compare-work"), outDir,
                Path.of(System.getProperty("java.home"), "bin", "java"),
                root.resolve("bench/target/kafka.classpath"), root.resolve("cli/target/streambus.jar"),
                root.resolve("streambus"), Workload.parse(workloadIds),
                RebalanceWorkload.Spec.standard(quick, rebalanceCrash));
    }
}
