package io.streambus.metadata.controller;

import java.util.Objects;

/**
 * One change of IncrementalAlterConfigs.
 *
 * @param value the value to set, append or subtract; ignored for DELETE
 */
public record AlterConfigOp(String key, OpType op, String value) {

    /** Kafka's operation types, with their wire ids. */
    public enum OpType {
        SET((byte) 0), DELETE((byte) 1), APPEND((byte) 2), SUBTRACT((byte) 3);

        private final byte id;

        OpType(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        public static OpType fromId(byte id) {
            for (OpType type : values()) {
                if (type.id == id) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown config operation type " + id);
        }
    }

    public AlterConfigOp {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
    }

    public static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(key, OpType.SET, value);
    }

    public static AlterConfigOp delete(String key) {
        return new AlterConfigOp(key, OpType.DELETE, null);
    }
}
