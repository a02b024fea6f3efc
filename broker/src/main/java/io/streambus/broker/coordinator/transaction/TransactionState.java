package io.streambus.broker.coordinator.transaction;

/**
 * The states of a transactional id, with Kafka's names (DescribeTransactions and ListTransactions report
 * them) and the byte stored in {@code __transaction_state}.
 *
 * <pre>
 * Empty ──AddPartitions──▶ Ongoing ──EndTxn──▶ PrepareCommit/PrepareAbort ──markers durable──▶ Complete*
 *   ▲                        │ timeout or InitProducerId (epoch bumped) ──▶ PrepareAbort        │
 *   └──────────── InitProducerId (epoch bumped) ◀──────────────────────────────────────────────┘
 * </pre>
 * Dead is an expired id (a tombstone); PrepareEpochFence is Kafka's transient name for an abort that fences
 * the producer: here that is a PrepareAbort written with the bumped epoch.
 */
public enum TransactionState {
    EMPTY(0, "Empty"),
    ONGOING(1, "Ongoing"),
    PREPARE_COMMIT(2, "PrepareCommit"),
    PREPARE_ABORT(3, "PrepareAbort"),
    COMPLETE_COMMIT(4, "CompleteCommit"),
    COMPLETE_ABORT(5, "CompleteAbort"),
    DEAD(6, "Dead"),
    PREPARE_EPOCH_FENCE(7, "PrepareEpochFence");

    private final byte id;
    private final String kafkaName;

    TransactionState(int id, String kafkaName) {
        this.id = (byte) id;
        this.kafkaName = kafkaName;
    }

    public byte id() {
        return id;
    }

    public String kafkaName() {
        return kafkaName;
    }

    public boolean isPrepare() {
        return this == PREPARE_COMMIT || this == PREPARE_ABORT;
    }

    /** No transaction in progress: a new one may start (after an InitProducerId or a completed one). */
    public boolean isIdle() {
        return this == EMPTY || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
    }

    public static TransactionState fromId(byte id) {
        for (TransactionState state : values()) {
            if (state.id == id) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown transaction state " + id);
    }

    /** By Kafka name (ListTransactions filters), or null. */
    public static TransactionState fromKafkaName(String name) {
        for (TransactionState state : values()) {
            if (state.kafkaName.equals(name)) {
                return state;
            }
        }
        return null;
    }
}
