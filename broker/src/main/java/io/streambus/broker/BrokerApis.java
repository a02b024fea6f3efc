package io.streambus.broker;

import io.streambus.broker.api.ApiHandlerRegistry;

/**
 * The list of APIs this broker serves: one handler per Kafka API, registered here and nowhere else.
 * ApiVersions is answered from the same registry, so what is listed here is exactly what is advertised.
 */
final class BrokerApis {

    private BrokerApis() {
    }

    static ApiHandlerRegistry registry(BrokerServices services) {
        return ApiHandlerRegistry.builder()
                .build();
    }
}
