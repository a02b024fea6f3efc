package io.streambus.metadata.controller;

/** Producer ids [{@code firstProducerId}, {@code firstProducerId + size}) handed to one broker. */
public record ProducerIdsBlock(int brokerId, long firstProducerId, int size) {

    public static final int BLOCK_SIZE = 1000;

    public long lastProducerId() {
        return firstProducerId + size - 1;
    }
}
