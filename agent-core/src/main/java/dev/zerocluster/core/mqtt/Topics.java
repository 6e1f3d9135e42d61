package dev.zerocluster.core.mqtt;

import dev.zerocluster.core.model.NodeId;
import java.util.Optional;

/** The topics of SPEC §4 for one cluster; {@code <base>} is {@code zerocluster/<cluster>}. */
public final class Topics {
    private final String base;
    private final String nodesPrefix;

    public Topics(String cluster) {
        this.base = "zerocluster/" + cluster;
        this.nodesPrefix = base + "/nodes/";
    }

    public String base() {
        return base;
    }

    public String nodeStatus(NodeId id) {
        return base + "/nodes/" + id + "/status";
    }

    public String nodeHealth(NodeId id) {
        return base + "/nodes/" + id + "/health";
    }

    public String nodeCmd(NodeId id) {
        return base + "/nodes/" + id + "/cmd";
    }

    public String nodeCmdReply(NodeId id) {
        return base + "/nodes/" + id + "/cmd/reply";
    }

    /** Every node's status, health and replies: what the master subscribes to. */
    public String allNodes() {
        return base + "/nodes/+/+";
    }

    public String allNodeReplies() {
        return base + "/nodes/+/cmd/reply";
    }

    public String masterStatus() {
        return base + "/master/status";
    }

    public String masterSshKey() {
        return base + "/master/ssh-key";
    }

    /** Everything under {@code <base>/master/}, which every node may read. */
    public String masterAll() {
        return base + "/master/#";
    }

    public String cluster() {
        return base + "/cluster";
    }

    /** Whether {@code topic} lies under {@code <base>/nodes/}; the master reads each such message. */
    public boolean underNodes(String topic) {
        return topic.startsWith(nodesPrefix);
    }

    /** The kind of a node topic and its id, or empty when the topic is not {@code <base>/nodes/<id>/<kind>}. */
    public Optional<NodeTopic> parseNodeTopic(String topic) {
        if (!underNodes(topic)) {
            return Optional.empty();
        }
        String rest = topic.substring(nodesPrefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, slash);
        String kind = rest.substring(slash + 1);
        if (!NodeId.isValid(id)) {
            return Optional.of(new NodeTopic(null, kind));
        }
        return Optional.of(new NodeTopic(NodeId.of(id), kind));
    }

    /** A node topic split: {@code id} null when the id level is not a valid node id. */
    public record NodeTopic(NodeId id, String kind) {
    }
}
