package io.streambus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.storage.testing.TestBatches;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process appending with FSYNC (SIGKILL) at a random moment and checks that every append it
 * reported durable is intact after recovery, and that nothing follows a torn batch.
 */
class CrashTest {

    @TempDir
    Path dataDir;

    @Test
    void everyAppendReportedDurableSurvivesSigkill() throws Exception {
        Random random = new Random(20261126L);
        for (int round = 0; round < 5; round++) {
            long[] lastDurable = runAndKill(10 + random.nextInt(300));
            verify(lastDurable);
        }
    }

    /** Runs the appender until it reported {@code reports} durable appends, kills it, returns the reports. */
    private long[] runAndKill(int reports) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashAppender.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ConcurrentLinkedQueue<long[]> durable = new ConcurrentLinkedQueue<>();
        CountDownLatch enough = new CountDownLatch(reports);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[0].equals("durable")) {
                        durable.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                        enough.countDown();
                    }
                }
            } catch (IOException e) {
                // The process died: its output ends.
            }
        });
        try {
            assertThat(enough.await(30, TimeUnit.SECONDS)).as("appender made progress").isTrue();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        return durable.stream().mapToLong(d -> d[1]).toArray();
    }

    private void verify(long[] reportedLastOffsets) {
        try (LogManager manager = LogManager.open(dataDir, id -> CrashAppender.CONFIG, Time.SYSTEM)) {
            PartitionLog log = manager.log(CrashAppender.ID).orElseThrow();
            long maxReported = java.util.Arrays.stream(reportedLastOffsets).max().orElse(-1);
            assertThat(log.logEndOffset()).isGreaterThan(maxReported);

            List<MutableRecordBatch> batches = new ArrayList<>();
            long next = 0;
            long bytes = 0;
            while (next < log.logEndOffset()) {
                ReadResult.Records records = (ReadResult.Records) log.read(
                        new ReadRequest(next, Integer.MAX_VALUE, Long.MAX_VALUE, true));
                ByteBuffer buffer = ByteBuffer.allocate(records.slice().sizeInBytes());
                records.slice().readInto(buffer);
                List<MutableRecordBatch> read = TestBatches.parse(buffer.flip()); // checks every CRC
                assertThat(read).isNotEmpty();
                batches.addAll(read);
                bytes += buffer.limit();
                next = read.get(read.size() - 1).lastOffset() + 1;
            }
            long expected = 0;
            for (MutableRecordBatch batch : batches) {
                assertThat(batch.baseOffset()).isEqualTo(expected);
                expected = batch.lastOffset() + 1;
            }
            assertThat(expected).isEqualTo(log.logEndOffset());
            assertThat(log.sizeInBytes()).as("no bytes after the last intact batch").isEqualTo(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
