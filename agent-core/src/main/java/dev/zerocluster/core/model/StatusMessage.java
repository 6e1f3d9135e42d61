package dev.zerocluster.core.model;

/**
 * A node's or the master's presence (SPEC §4 {@code …/status}, retained). {@code node} is the node
 * id, or {@code master} for the master. {@code healthIntervalSeconds} (an addition to the SPEC's
 * fields) tells the master how often the node reports, so that "3 × the node's health interval"
 * needs no guessing; it is null in the master's own status.
 */
public record StatusMessage(String state, String node, String ts, String reason, String agentVersion,
                            String bootId, Double healthIntervalSeconds) {

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    /** Why a status was published. */
    public static final String REASON_STARTUP = "startup";
    public static final String REASON_RECONNECT = "reconnect";
    public static final String REASON_SHUTDOWN = "shutdown";
    public static final String REASON_CONNECTION_LOST = "connection-lost";

    public boolean online() {
        return ONLINE.equals(state);
    }
}
