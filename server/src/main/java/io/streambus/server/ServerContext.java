package io.streambus.server;

import io.streambus.server.config.ServerConfig;
import io.streambus.server.data.MetaProperties;
import io.streambus.storage.Time;
import java.nio.file.Path;

/**
 * What a {@link ServerComponent.Factory} gets to build its component. Immutable.
 *
 * @param config the validated configuration
 * @param meta   the data directory's identity: cluster id and node id
 * @param dataDir the locked data directory
 * @param time   the clock every component uses
 */
public record ServerContext(ServerConfig config, MetaProperties meta, Path dataDir, Time time) {
}
