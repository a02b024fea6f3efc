package io.streambus.metadata.controller;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigKey;
import io.streambus.metadata.config.ConfigType;
import io.streambus.metadata.config.InvalidConfigException;
import io.streambus.metadata.config.TopicConfig;
import io.streambus.metadata.config.TopicConfigs;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.ConfigResourceType;
import io.streambus.metadata.record.MetadataRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;

/**
 * IncrementalAlterConfigs and (legacy, replace-all) AlterConfigs on topic and broker resources;
 * each resource succeeds or fails on its own. Deleting an unknown key that is not set changes nothing and
 * succeeds; setting one is INVALID_CONFIG. Runs on the controller thread.
 */
final class ConfigChangeOperation {

    private final MetadataImage image;

    ConfigChangeOperation(MetadataImage image) {
        this.image = image;
    }

    ControllerResult<Map<ConfigResource, ApiError>> incremental(Map<ConfigResource, List<AlterConfigOp>> changes,
                                                                boolean validateOnly) {
        List<MetadataRecord> records = new ArrayList<>();
        Map<ConfigResource, ApiError> results = new LinkedHashMap<>();
        changes.forEach((resource, ops) -> {
            List<MetadataRecord> resourceRecords = new ArrayList<>();
            ApiError error = incremental(resource, ops, resourceRecords);
            if (error.isSuccess()) {
                records.addAll(resourceRecords);
            }
            results.put(resource, error);
        });
        return new ControllerResult<>(validateOnly ? List.of() : records, results);
    }

    ControllerResult<Map<ConfigResource, ApiError>> replace(Map<ConfigResource, Map<String, String>> configs,
                                                            boolean validateOnly) {
        List<MetadataRecord> records = new ArrayList<>();
        Map<ConfigResource, ApiError> results = new LinkedHashMap<>();
        configs.forEach((resource, newConfigs) -> {
            ApiError error = checkResource(resource);
            if (error == null) {
                error = validateAll(resource, newConfigs);
            }
            if (error == null) {
                newConfigs.forEach((key, value) -> records.add(record(resource, key, value)));
                for (String key : image.configs().configs(resource).keySet()) {
                    if (!newConfigs.containsKey(key)) {
                        records.add(record(resource, key, null));
                    }
                }
                error = ApiError.NONE;
            }
            results.put(resource, error);
        });
        return new ControllerResult<>(validateOnly ? List.of() : records, results);
    }

    private ApiError incremental(ConfigResource resource, List<AlterConfigOp> ops, List<MetadataRecord> out) {
        ApiError error = checkResource(resource);
        if (error != null) {
            return error;
        }
        Set<String> keys = new HashSet<>();
        for (AlterConfigOp op : ops) {
            if (!keys.add(op.key())) {
                return ApiError.of(Errors.INVALID_REQUEST, "Error due to duplicate config keys: " + op.key());
            }
        }
        Map<String, String> current = image.configs().configs(resource);
        Map<String, String> newValues = new LinkedHashMap<>();
        for (AlterConfigOp op : ops) {
            if (op.op() == AlterConfigOp.OpType.DELETE && !current.containsKey(op.key()) && !known(resource, op.key())) {
                // Nothing to delete, as Kafka's controller answers: it validates the configs a change leaves, and
                // an unset key leaves none. Kafka's tools delete keys StreamBus does not have (kafka-reassign-partitions
                // clears the replication throttles after every --verify).
                continue;
            }
            try {
                ConfigKey<?> key = key(resource, op.key());
                String value = switch (op.op()) {
                    case SET -> op.value();
                    case DELETE -> null;
                    case APPEND, SUBTRACT -> listChange(key, op, current.get(op.key()));
                };
                if (value != null || op.op() != AlterConfigOp.OpType.DELETE) {
                    validate(resource, op.key(), value);
                }
                newValues.put(op.key(), value);
            } catch (InvalidConfigException e) {
                return ApiError.of(Errors.INVALID_CONFIG, e.getMessage());
            }
        }
        newValues.forEach((key, value) -> out.add(record(resource, key, value)));
        return ApiError.NONE;
    }

    /** APPEND or SUBTRACT on a list: starts from the current override, else the declared default. */
    private static String listChange(ConfigKey<?> key, AlterConfigOp op, String currentOverride) {
        if (key.type() != ConfigType.LIST) {
            throw new InvalidConfigException(op.key(), "Config value " + op.op().name().toLowerCase(Locale.ROOT)
                    + " is not allowed for config key: " + op.key());
        }
        Set<String> items = new LinkedHashSet<>();
        String base = currentOverride != null ? currentOverride : key.defaultString();
        if (base != null && !base.isBlank()) {
            for (String item : base.split("\\s*,\\s*")) {
                items.add(item.trim());
            }
        }
        if (op.value() != null && !op.value().isBlank()) {
            for (String item : op.value().split("\\s*,\\s*")) {
                if (op.op() == AlterConfigOp.OpType.APPEND) {
                    items.add(item.trim());
                } else {
                    items.remove(item.trim());
                }
            }
        }
        return String.join(",", items);
    }

    /** An error if the resource does not exist or is malformed, else null. */
    private ApiError checkResource(ConfigResource resource) {
        if (resource.type() == ConfigResourceType.TOPIC) {
            if (image.topics().topic(resource.name()) == null) {
                return ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + resource.name() + "' does not exist.");
            }
            return null;
        }
        if (!resource.name().isEmpty()) {
            try {
                if (Integer.parseInt(resource.name()) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                return ApiError.of(Errors.INVALID_REQUEST, "Broker resource name must be a broker id or empty for "
                        + "the cluster default, was '" + resource.name() + "'");
            }
        }
        return null;
    }

    private ApiError validateAll(ConfigResource resource, Map<String, String> configs) {
        for (Map.Entry<String, String> entry : configs.entrySet()) {
            try {
                validate(resource, entry.getKey(), entry.getValue());
            } catch (InvalidConfigException e) {
                return ApiError.of(Errors.INVALID_CONFIG, e.getMessage());
            }
        }
        return null;
    }

    private static void validate(ConfigResource resource, String key, String value) {
        if (resource.type() == ConfigResourceType.TOPIC) {
            TopicConfigs.validate(key, value);
        } else {
            if (value == null) {
                throw new InvalidConfigException(key, "Null value not supported for broker config " + key);
            }
            BrokerConfigs.validateDynamic(key, value);
        }
    }

    private static boolean known(ConfigResource resource, String name) {
        return resource.type() == ConfigResourceType.TOPIC ? TopicConfigs.config(name).isPresent()
                : BrokerConfigs.definition().key(name).isPresent();
    }

    private static ConfigKey<?> key(ConfigResource resource, String name) {
        if (resource.type() == ConfigResourceType.TOPIC) {
            return TopicConfigs.config(name).map(TopicConfig::key).orElseThrow(() ->
                    new InvalidConfigException(name, "Unknown topic config name: " + name));
        }
        ConfigKey<?> key = BrokerConfigs.definition().key(name).orElseThrow(() ->
                new InvalidConfigException(name, "Unknown broker config name: " + name));
        if (key.isReadOnly()) {
            BrokerConfigs.validateDynamic(name, null);
        }
        return key;
    }

    private static ConfigRecord record(ConfigResource resource, String key, String value) {
        return new ConfigRecord(resource.type(), resource.name(), key, value);
    }
}
