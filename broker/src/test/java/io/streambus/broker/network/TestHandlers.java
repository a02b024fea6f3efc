package io.streambus.broker.network;

import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;

/** Handlers whose behaviour each test supplies, for APIs with small messages. */
final class TestHandlers {

    private TestHandlers() {
    }

    static ApiHandler<DescribeClusterRequestData, DescribeClusterResponseData> describeCluster(
            int minVersion, int maxVersion,
            BiFunction<RequestContext, DescribeClusterRequestData, CompletionStage<DescribeClusterResponseData>> body) {
        return new ApiHandler<>() {
            @Override
            public ApiKeys apiKey() {
                return ApiKeys.DESCRIBE_CLUSTER;
            }

            @Override
            public short minVersion() {
                return (short) minVersion;
            }

            @Override
            public short maxVersion() {
                return (short) maxVersion;
            }

            @Override
            public CompletionStage<DescribeClusterResponseData> handle(RequestContext context, DescribeClusterRequestData request) {
                return body.apply(context, request);
            }
        };
    }

    static ApiHandler<FetchRequestData, FetchResponseData> fetch(
            BiFunction<RequestContext, FetchRequestData, CompletionStage<FetchResponseData>> body) {
        return new ApiHandler<>() {
            @Override
            public ApiKeys apiKey() {
                return ApiKeys.FETCH;
            }

            @Override
            public short minVersion() {
                return 4;
            }

            @Override
            public short maxVersion() {
                return 17;
            }

            @Override
            public CompletionStage<FetchResponseData> handle(RequestContext context, FetchRequestData request) {
                return body.apply(context, request);
            }
        };
    }
}
