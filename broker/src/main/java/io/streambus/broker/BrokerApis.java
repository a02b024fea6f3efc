package io.streambus.broker;

import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.handler.fetch.FetchHandler;
import io.streambus.broker.handler.offsets.DeleteRecordsHandler;
import io.streambus.broker.handler.offsets.ListOffsetsHandler;
import io.streambus.broker.handler.produce.ProduceHandler;
import io.streambus.broker.handler.producer.InitProducerIdHandler;

/**
 * The list of APIs this broker serves: one handler per Kafka API, registered here and nowhere else.
 * ApiVersions is answered from the same registry, so what is listed here is exactly what is advertised.
 */
final class BrokerApis {

    private BrokerApis() {
    }

    static ApiHandlerRegistry registry(BrokerServices services) {
        PartitionLookup lookup = new PartitionLookup(services.metadata()::current, services.replicas());
        return ApiHandlerRegistry.builder()
                .register(new ProduceHandler(lookup, services.time()))
                .register(new FetchHandler(lookup, services.time()))
                .register(new ListOffsetsHandler(lookup))
                .register(new DeleteRecordsHandler(lookup))
                .register(new InitProducerIdHandler(services.producerIds()))
                .build();
    }
}
