package dev.zerocluster.master.broker;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;

/**
 * Who may publish and subscribe to what (SPEC §6), keyed on the authenticated user name. The
 * embedded broker asks this class directly; the Mosquitto ACL file is generated to say the same.
 * <ul>
 * <li>The master ({@link Credentials#MASTER_USER}) may read and write everything under
 * {@code <base>/} and {@code homeassistant/}.</li>
 * <li>A node {@code <id>} may publish only {@code <base>/nodes/<id>/status}, {@code …/health} and
 * {@code …/cmd/reply}, and read only its own {@code cmd} and {@code <base>/master/…}.</li>
 * <li>Anyone else may do nothing.</li>
 * </ul>
 */
public final class AccessPolicy {
    private final Topics topics;

    public AccessPolicy(Topics topics) {
        this.topics = topics;
    }

    public boolean canWrite(String user, String topic) {
        if (user == null || hasWildcard(topic)) {
            return false;
        }
        if (Credentials.MASTER_USER.equals(user)) {
            return isMasterTopic(topic);
        }
        if (!NodeId.isValid(user)) {
            return false;
        }
        NodeId id = NodeId.of(user);
        return topic.equals(topics.nodeStatus(id)) || topic.equals(topics.nodeHealth(id))
                || topic.equals(topics.nodeCmdReply(id));
    }

    /** {@code filter} may hold wildcards: it is allowed only if every topic it matches is. */
    public boolean canRead(String user, String filter) {
        if (user == null) {
            return false;
        }
        if (Credentials.MASTER_USER.equals(user)) {
            return isMasterTopic(filter);
        }
        if (!NodeId.isValid(user)) {
            return false;
        }
        String masterPrefix = topics.base() + "/master/";
        if (filter.startsWith(masterPrefix) || filter.equals(topics.base() + "/master")) {
            return true;
        }
        return filter.equals(topics.nodeCmd(NodeId.of(user)));
    }

    private boolean isMasterTopic(String topic) {
        return topic.startsWith(topics.base() + "/") || topic.startsWith("homeassistant/");
    }

    private static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }
}
