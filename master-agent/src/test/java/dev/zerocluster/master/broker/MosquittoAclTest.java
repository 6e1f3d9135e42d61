package dev.zerocluster.master.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.master.broker.MosquittoAclModel.Access;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MosquittoAclTest {
    static final Topics TOPICS = new Topics("lab");
    static final String BASE = TOPICS.base();
    static final String MASTER = Credentials.MASTER_USER;
    static final List<String> USERS = List.of(MASTER, "zero-a", "zero-b");
    static final List<String> TOPIC_CASES = List.of(
            BASE + "/nodes/zero-a/status", BASE + "/nodes/zero-a/health", BASE + "/nodes/zero-a/cmd",
            BASE + "/nodes/zero-a/cmd/reply", BASE + "/nodes/zero-a/cmd/reply/more", BASE + "/nodes/zero-a",
            BASE + "/nodes/zero-a/other", BASE + "/nodes/zero-a/status/extra",
            BASE + "/nodes/zero-b/status", BASE + "/nodes/zero-b/health", BASE + "/nodes/zero-b/cmd",
            BASE + "/nodes/zero-b/cmd/reply",
            BASE + "/nodes/zc.master/status", BASE + "/nodes", BASE + "/nodes/",
            BASE + "/master", BASE + "/master/status", BASE + "/master/ssh-key", BASE + "/master/a/b",
            BASE + "/cluster", BASE, BASE + "/", BASE + "/other",
            "zerocluster/other/nodes/zero-a/status", "zerocluster/other/master/status", "zerocluster",
            "homeassistant/sensor/zero-a/temp/config", "homeassistant", "homeassistant/",
            "elsewhere/topic", "$SYS/broker/uptime", "/" + BASE + "/master/status");

    final MosquittoAclModel acl = new MosquittoAclModel(MosquittoAcl.render(TOPICS));
    final AccessPolicy policy = new AccessPolicy(TOPICS);

    @Test
    void theAclGrantsExactlyWhatTheAccessPolicyGrants() {
        List<String> disagreements = new ArrayList<>();
        for (String user : USERS) {
            for (String topic : TOPIC_CASES) {
                // Mosquitto checks reads per delivered message, so the policy is asked about the topic itself.
                if (acl.allows(user, topic, Access.READ) != policy.canRead(user, topic)) {
                    disagreements.add(user + " read " + topic + ": policy " + policy.canRead(user, topic));
                }
                if (acl.allows(user, topic, Access.WRITE) != policy.canWrite(user, topic)) {
                    disagreements.add(user + " write " + topic + ": policy " + policy.canWrite(user, topic));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void theTableHoldsWhatSpecSection6Says() {
        // Both sides could be wrong together: the cases that matter, spelled out.
        assertThat(acl.allows(MASTER, BASE + "/nodes/zero-a/cmd", Access.WRITE)).isTrue();
        assertThat(acl.allows(MASTER, BASE + "/cluster", Access.WRITE)).isTrue();
        assertThat(acl.allows(MASTER, "homeassistant/sensor/zero-a/temp/config", Access.WRITE)).isTrue();
        assertThat(acl.allows(MASTER, BASE + "/nodes/zero-a/health", Access.READ)).isTrue();
        assertThat(acl.allows("zero-a", BASE + "/nodes/zero-a/status", Access.WRITE)).isTrue();
        assertThat(acl.allows("zero-a", BASE + "/nodes/zero-a/cmd/reply", Access.WRITE)).isTrue();
        assertThat(acl.allows("zero-a", BASE + "/nodes/zero-a/cmd", Access.READ)).isTrue();
        assertThat(acl.allows("zero-a", BASE + "/master/ssh-key", Access.READ)).isTrue();
        assertThat(acl.allows("zero-a", BASE + "/nodes/zero-a/cmd", Access.WRITE)).isFalse();
        assertThat(acl.allows("zero-a", BASE + "/nodes/zero-b/status", Access.WRITE)).isFalse();
        assertThat(acl.allows("zero-a", BASE + "/nodes/zero-b/cmd", Access.READ)).isFalse();
        assertThat(acl.allows("zero-a", BASE + "/cluster", Access.WRITE)).isFalse();
        assertThat(acl.allows("zero-a", BASE + "/master/status", Access.WRITE)).isFalse();
        assertThat(acl.allows("zero-a", "homeassistant/sensor/zero-a/temp/config", Access.WRITE)).isFalse();
    }

    @Test
    void theModelMatchesTopicsAsMosquittoDoes() {
        assertThat(MosquittoAclModel.matches("a/#", "a")).isTrue();
        assertThat(MosquittoAclModel.matches("a/#", "a/b/c")).isTrue();
        assertThat(MosquittoAclModel.matches("a/+", "a/b")).isTrue();
        assertThat(MosquittoAclModel.matches("a/+", "a/b/c")).isFalse();
        assertThat(MosquittoAclModel.matches("a/b", "a/b/")).isFalse();
        assertThat(MosquittoAclModel.matches("a/b/c", "a/b")).isFalse();
    }

    @Test
    void everyLineIsOneMosquittoAccepts() {
        for (String line : MosquittoAcl.render(TOPICS).split("\n")) {
            // Mosquitto reads a '#' after the start of a line as part of the topic, not as a comment.
            assertThat(line.isEmpty() || line.startsWith("#") || line.matches("(user|topic|pattern) [^#]*(/#)?"))
                    .as(line).isTrue();
        }
    }
}
