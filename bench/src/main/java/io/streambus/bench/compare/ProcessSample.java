package io.streambus.bench.compare;

/**
 * What /proc says about a process at one moment.
 *
 * @param cpuSeconds    user plus system CPU time the process has used so far
 * @param peakRssBytes  peak resident set size (VmHWM) so far
 */
public record ProcessSample(double cpuSeconds, long peakRssBytes) {
}
