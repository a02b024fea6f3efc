package io.streambus.bench.compare;

/**
 * One reported figure.
 *
 * @param id             stable key, used in the CSV ("produce.100b-acks1-p1.MBps")
 * @param section        report section it belongs to
 * @param label          what the report calls it
 * @param unit           unit of the value
 * @param higherIsBetter direction, for reading the StreamBus/Kafka ratio
 */
public record Metric(String id, String section, String label, String unit, boolean higherIsBetter) {
}
