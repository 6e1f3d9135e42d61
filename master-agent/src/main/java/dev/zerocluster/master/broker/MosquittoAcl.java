package dev.zerocluster.master.broker;

import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;

/**
 * {@link AccessPolicy} as a Mosquitto 2.0 {@code acl_file}, for a broker that is not zc-master's
 * own. The rules are the same; how Mosquitto reads them (eclipse/mosquitto v2.0.11,
 * {@code aclfile__parse} and {@code mosquitto_acl_check_default} in {@code src/security_default.c}):
 * <ul>
 * <li>{@code user} lines open a section of {@code topic} lines for that user; {@code pattern} lines
 * apply to every user, with {@code %u} replaced by the user name. Nothing allowed is denied.</li>
 * <li>{@code deny} lines are checked before any other line of the same user.</li>
 * <li>Writes are checked on every publish and on the will when it is sent; reads on every message
 * delivered, not on the subscription, so a node may subscribe to {@code #} and still receive only
 * what it may read.</li>
 * <li>A {@code #} at the end also matches the level above it: {@code a/#} matches {@code a}.</li>
 * <li>Only lines starting with {@code #} are comments; a {@code #} later in a line is topic text.</li>
 * </ul>
 */
public final class MosquittoAcl {
    private MosquittoAcl() {
    }

    public static String render(Topics topics) {
        String base = topics.base();
        String nodes = base + "/nodes/%u/";
        return String.join("\n",
                "# Mosquitto ACL for the zerocluster topics " + base + "/..., written by zc-master",
                "# mosquitto-config. It grants what zc-master's embedded broker grants (AccessPolicy, SPEC",
                "# section 6). Regenerate it rather than edit it.",
                "",
                "# The master: everything below the cluster's topics and Home Assistant's discovery prefix. 'x/#'",
                "# also matches 'x' itself, which the master has no use for and AccessPolicy does not grant, so",
                "# those two are denied (deny lines are checked first).",
                "user " + Credentials.MASTER_USER,
                "topic deny " + base,
                "topic deny homeassistant",
                "topic readwrite " + base + "/#",
                "topic readwrite homeassistant/#",
                "",
                "# Every node, logged in as its id (%u): it publishes its own status, health and command",
                "# replies, and reads its own commands and whatever the master publishes under master/.",
                "# (Mosquitto warns that the last pattern holds no %u: it is meant the same for every node.)",
                "pattern write " + nodes + "status",
                "pattern write " + nodes + "health",
                "pattern write " + nodes + "cmd/reply",
                "pattern read " + nodes + "cmd",
                "pattern read " + base + "/master/#",
                "");
    }
}
