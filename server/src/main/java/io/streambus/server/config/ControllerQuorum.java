package io.streambus.server.config;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigValues;
import io.streambus.metadata.log.raft.QuorumVoter;
import io.streambus.broker.QuorumSeat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This node's place in a cluster's metadata quorum, from KRaft's keys: {@code process.roles=broker,controller},
 * {@code controller.quorum.voters} and the {@code controller.listener.names} listener in {@code listeners}. A node
 * without them is a single node with a local metadata log. The checks are the ones an operator gets wrong at
 * 3 a.m.: a voter list without this node, a controller listener on another port than this node's voter entry,
 * roles that are not supported yet; each error names the key and where it was set. A node whose {@code node.id} is
 * not among the voters joins an existing quorum: it starts without a vote and says so until it is added.
 *
 * @param self               this node's Raft endpoint: its voter entry, or its controller listener when it is not
 *                           one of the voters and joins the quorum (KIP-853's AddRaftVoter adds it)
 * @param voters             the voters the quorum was created with
 * @param controllerListener where this node's Raft server listens (its own voter entry's port)
 */
public record ControllerQuorum(QuorumVoter self, List<QuorumVoter> voters, Listener controllerListener) {

    private static final Set<String> COMBINED = Set.of("broker", "controller");

    public ControllerQuorum {
        voters = List.copyOf(voters);
    }

    /** The controller listener names, upper-cased as listener names are. */
    static Set<String> controllerListenerNames(ConfigValues values) {
        return values.get(BrokerConfigs.CONTROLLER_LISTENER_NAMES).stream()
                .map(name -> name.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /**
     * Checks the quorum keys together.
     *
     * @param controllerListeners the entries of {@code listeners} named in {@code controller.listener.names}
     * @return empty for a single node
     * @throws ServerConfigException naming the key at fault
     */
    static Optional<ControllerQuorum> parse(ConfigValues values, List<Listener> controllerListeners,
                                            Map<String, RawValue> raw) {
        List<String> roles = values.get(BrokerConfigs.PROCESS_ROLES);
        List<String> voterTexts = values.get(BrokerConfigs.CONTROLLER_QUORUM_VOTERS);
        Set<String> listenerNames = controllerListenerNames(values);
        if (roles.isEmpty()) {
            for (var key : List.of(BrokerConfigs.CONTROLLER_QUORUM_VOTERS, BrokerConfigs.CONTROLLER_LISTENER_NAMES)) {
                if (!values.get(key).isEmpty()) {
                    throw error(key.name(), raw, key.name() + " is set but process.roles is not: a node of a cluster "
                            + "needs process.roles=broker,controller; a single node needs neither");
                }
            }
            return Optional.empty();
        }
        if (!Set.copyOf(roles).equals(COMBINED)) {
            throw error(BrokerConfigs.PROCESS_ROLES.name(), raw, "process.roles=" + String.join(",", roles)
                    + " is not supported yet: dedicated brokers and dedicated controllers come later; run every node "
                    + "as process.roles=broker,controller");
        }
        int nodeId = values.get(BrokerConfigs.NODE_ID);
        List<QuorumVoter> voters = voters(voterTexts, raw);
        if (listenerNames.size() != 1) {
            throw error(BrokerConfigs.CONTROLLER_LISTENER_NAMES.name(), raw, "controller.listener.names must name "
                    + "exactly one listener (e.g. CONTROLLER) when process.roles includes controller, was "
                    + values.get(BrokerConfigs.CONTROLLER_LISTENER_NAMES));
        }
        String listenerName = listenerNames.iterator().next();
        Listener listener = controllerListeners.stream().filter(l -> l.name().equals(listenerName)).findFirst()
                .orElseThrow(() -> error(BrokerConfigs.LISTENERS.name(), raw, "listeners has no " + listenerName
                        + "://host:port entry, the listener controller.listener.names names"));
        Optional<QuorumVoter> listed = voters.stream().filter(voter -> voter.id() == nodeId).findFirst();
        if (listed.isPresent() && listener.port() != listed.get().port()) {
            throw error(BrokerConfigs.LISTENERS.name(), raw, "the " + listener + " listener and this node's entry "
                    + listed.get() + " in controller.quorum.voters must use the same port: the "
                    + "other voters reach this node's Raft server there");
        }
        // A node outside the voter list joins the quorum: it waits, saying so, until AddRaftVoter adds it.
        QuorumVoter self = listed.orElseGet(() -> new QuorumVoter(nodeId, listener.host(), listener.port()));
        return Optional.of(new ControllerQuorum(self, voters, listener));
    }

    /**
     * The cluster id every node of this quorum writes into a new data directory: derived from the voters, so
     * that nodes configured alike agree on it without a formatting step (decision 0010). Kafka's base64 form.
     */
    public String clusterId() {
        String voterList = voters.stream().sorted(java.util.Comparator.comparingInt(QuorumVoter::id))
                .map(voter -> voter.id() + "@" + voter.address()).collect(Collectors.joining(","));
        java.util.UUID uuid = java.util.UUID.nameUUIDFromBytes(("streambus-cluster:" + voterList)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new org.apache.kafka.common.Uuid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits())
                .toString();
    }

    /** This node's place in the quorum, as the broker takes it. */
    public QuorumSeat seat() {
        return new QuorumSeat(self, controllerListener.name(), voters);
    }

    /** True when this node is not one of {@code controller.quorum.voters}: it joins the quorum. */
    public boolean joining() {
        return voters.stream().noneMatch(voter -> voter.id() == self.id());
    }

    private static List<QuorumVoter> voters(List<String> texts, Map<String, RawValue> raw) {
        String key = BrokerConfigs.CONTROLLER_QUORUM_VOTERS.name();
        if (texts.isEmpty()) {
            throw error(key, raw, key + " must list the quorum's voters as id@host:port,... when process.roles "
                    + "includes controller");
        }
        List<QuorumVoter> voters;
        try {
            voters = texts.stream().map(QuorumVoter::parse).toList();
        } catch (IllegalArgumentException e) {
            throw error(key, raw, "Invalid " + key + ": " + e.getMessage());
        }
        Set<Integer> ids = new HashSet<>();
        for (QuorumVoter voter : voters) {
            if (!ids.add(voter.id())) {
                throw error(key, raw, key + " lists voter id " + voter.id() + " twice");
            }
        }
        return voters;
    }

    private static ServerConfigException error(String key, Map<String, RawValue> raw, String message) {
        RawValue value = raw.get(key);
        return new ServerConfigException(key, message + " (" + (value == null ? "default" : value.origin()) + ")");
    }
}
