package io.streambus.broker.handler.admin;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigKey;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.TopicNames;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.ConfigResourceType;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.protocol.Errors;

/**
 * The checks the config APIs share before anything reaches the controller: which resource types are served,
 * whether a topic name is legal, whether a broker id is registered, and which broker configs cannot change
 * while running. Errors follow Kafka's: an unsupported type or malformed name is INVALID_REQUEST, an illegal
 * topic name INVALID_TOPIC_EXCEPTION, a change to a read-only broker config INVALID_REQUEST. Stateless.
 */
final class ConfigResources {

    private ConfigResources() {
    }

    /** The resource, or empty when StreamBus has no configs of that wire type (BROKER_LOGGER, GROUP, ...). */
    static Optional<ConfigResource> resource(byte type, String name) {
        if (type == ConfigResourceType.TOPIC.id()) {
            return Optional.of(ConfigResource.topic(name));
        }
        if (type == ConfigResourceType.BROKER.id()) {
            return Optional.of(ConfigResource.broker(name));
        }
        return Optional.empty();
    }

    static ApiError unsupportedType(byte type) {
        return ApiError.of(Errors.INVALID_REQUEST, "Unsupported resource type " + type
                + "; StreamBus serves configs of TOPIC (2) and BROKER (4) resources.");
    }

    /** The error of a topic name that cannot exist, or null. */
    static ApiError checkTopicName(String name) {
        if (name.isEmpty()) {
            return ApiError.of(Errors.INVALID_REQUEST, "Default topic resources are not allowed.");
        }
        String invalid = TopicNames.invalidReason(name);
        return invalid == null ? null : ApiError.of(Errors.INVALID_TOPIC_EXCEPTION, invalid);
    }

    /** The broker id of a broker resource name, -1 for "" (the cluster default), or empty if not a broker id. */
    static Optional<Integer> brokerId(String name) {
        if (name.isEmpty()) {
            return Optional.of(-1);
        }
        try {
            int id = Integer.parseInt(name);
            return id < 0 ? Optional.empty() : Optional.of(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static ApiError invalidBrokerName(String name) {
        return ApiError.of(Errors.INVALID_REQUEST, "Broker resource name must be a broker id or empty for the "
                + "cluster default, was '" + name + "'");
    }

    /** For a change: the error of a resource that does not exist or cannot be changed, or null. */
    static ApiError checkAlterable(ConfigResource resource, MetadataImage image, Collection<String> keys) {
        if (resource.type() == ConfigResourceType.TOPIC) {
            return checkTopicName(resource.name());
        }
        Optional<Integer> brokerId = brokerId(resource.name());
        if (brokerId.isEmpty()) {
            return invalidBrokerName(resource.name());
        }
        if (brokerId.get() >= 0 && image.cluster().broker(brokerId.get()).isEmpty()) {
            return ApiError.of(Errors.BROKER_ID_NOT_REGISTERED, "No broker with id " + brokerId.get() + " found.");
        }
        TreeSet<String> readOnly = new TreeSet<>();
        for (String key : keys) {
            BrokerConfigs.definition().key(key).filter(ConfigKey::isReadOnly).ifPresent(k -> readOnly.add(key));
        }
        if (!readOnly.isEmpty()) {
            return ApiError.of(Errors.INVALID_REQUEST, "Cannot update these configs dynamically: " + readOnly);
        }
        return null;
    }
}
