package io.streambus.bench.compare;

/** Main class for {@link GcLogParserTest}: a JVM that collects garbage once and exits. */
public final class GcPauseTrigger {

    private GcPauseTrigger() {
    }

    public static void main(String[] args) {
        byte[][] garbage = new byte[64][];
        for (int i = 0; i < 4096; i++) {
            garbage[i % garbage.length] = new byte[64 * 1024];
        }
        System.gc();
        System.out.println(garbage.length);
    }
}
