package dev.zerocluster.master.broker;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.core.system.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an external Mosquitto 2.0 needs to be one cluster's broker: a password file for the master
 * and the given nodes, the ACL of {@link MosquittoAcl} and a {@code conf.d} snippet that ties them
 * to a listener. Mosquitto cannot compute a node's password from the join token as the embedded
 * broker does, so every node id must be listed here.
 */
public final class MosquittoFiles {
    public static final String CONF_FILE = "zerocluster.conf";
    public static final String PASSWORD_FILE = "zerocluster.passwd";
    public static final String ACL_FILE = "zerocluster.acl";
    /** Where Debian's Mosquitto keeps its files; the snippet names the password and ACL files there. */
    public static final Path DEFAULT_INSTALL_DIR = Path.of("/etc/mosquitto");
    public static final int DEFAULT_PORT = 1883;
    /**
     * Well above the 64 KiB beyond which the master drops and counts a payload itself (SPEC §6): a
     * lower broker limit would drop them silently, before the master could count them.
     */
    public static final int MESSAGE_SIZE_LIMIT_BYTES = 1 << 20;
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private final Topics topics;
    private final String joinToken;
    private final String masterSecret;
    private final SecureRandom random;

    public MosquittoFiles(String cluster, String joinToken, String masterSecret, SecureRandom random) {
        this.topics = new Topics(cluster);
        this.joinToken = joinToken;
        this.masterSecret = masterSecret;
        this.random = random;
    }

    /** Where the broker listens: all interfaces when {@code bind} is empty. */
    public record Listener(int port, Optional<String> bind) {
        public Listener {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
            bind.ifPresent(MosquittoFiles::requireConfigWord);
        }
    }

    /** The files written, in the order {@link #writeTo} writes them. */
    public record Written(Path passwordFile, Path aclFile, Path confFile, List<NodeId> nodes) {
    }

    /** The master's line first, then one per node, without repeats. */
    public String passwords(Collection<NodeId> nodes) {
        StringBuilder out = new StringBuilder();
        out.append(MosquittoPasswords.line(Credentials.MASTER_USER, masterSecret, random)).append('\n');
        for (NodeId node : ids(nodes)) {
            out.append(MosquittoPasswords.line(node.value(), Credentials.nodePassword(joinToken, node), random))
                    .append('\n');
        }
        return out.toString();
    }

    public String acl() {
        return MosquittoAcl.render(topics);
    }

    /** The snippet for {@code /etc/mosquitto/conf.d/}, naming the other two files in {@code installDir}. */
    public String conf(Listener listener, Path installDir) {
        if (!installDir.isAbsolute()) {
            throw new IllegalArgumentException(installDir + " is not an absolute path");
        }
        requireConfigWord(installDir.toString());
        return String.join("\n",
                "# Mosquitto as the broker of the zerocluster topics " + topics.base() + "/..., written by",
                "# zc-master mosquitto-config. Copy it to /etc/mosquitto/conf.d/ and the password and ACL",
                "# files to " + installDir + "/. It sets the broker-wide login and access rules: every client",
                "# of this Mosquitto needs a user in " + PASSWORD_FILE + ".",
                "listener " + listener.port() + listener.bind().map(b -> " " + b).orElse(""),
                "# The client id is the user name, so no client can take over a node's session by reusing",
                "# its id. (A setting of the listener above: keep it right after it.)",
                "use_username_as_clientid true",
                "allow_anonymous false",
                "password_file " + installDir.resolve(PASSWORD_FILE),
                "acl_file " + installDir.resolve(ACL_FILE),
                "# zc-master drops and counts payloads over 64 KiB itself; a lower limit here would hide",
                "# them from that count. message_size_limit drops a larger message and keeps the client",
                "# connected, where max_packet_size would disconnect it.",
                "message_size_limit " + MESSAGE_SIZE_LIMIT_BYTES,
                "# Retained messages (statuses, the SSH key, the cluster list, discovery) are published again",
                "# by the master and every node when they reconnect: nothing needs saving on the SD card.",
                "persistence false",
                "");
    }

    /**
     * Writes the three files into {@code outDir}, each atomically; the password file readable by its
     * owner only, since its hashes would let anyone who reads it try passwords offline.
     */
    public Written writeTo(Path outDir, Collection<NodeId> nodes, Listener listener, Path installDir)
            throws IOException {
        String conf = conf(listener, installDir);
        Path passwordFile = outDir.resolve(PASSWORD_FILE);
        Path aclFile = outDir.resolve(ACL_FILE);
        Path confFile = outDir.resolve(CONF_FILE);
        AtomicFile.write(passwordFile, passwords(nodes).getBytes(StandardCharsets.UTF_8), SECRET);
        AtomicFile.write(aclFile, acl().getBytes(StandardCharsets.UTF_8), PUBLIC);
        AtomicFile.write(confFile, conf.getBytes(StandardCharsets.UTF_8), PUBLIC);
        return new Written(passwordFile, aclFile, confFile, ids(nodes));
    }

    /** Sorted, so that the same nodes give the same file whatever order they were named in. */
    private static List<NodeId> ids(Collection<NodeId> nodes) {
        return nodes.stream().distinct().sorted(Comparator.comparing(NodeId::value)).toList();
    }

    /** A value in mosquitto.conf ends at the line's end: a newline would start a setting of its own. */
    private static void requireConfigWord(String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("'" + value + "' cannot be written into mosquitto.conf"
                    + " (blank or control characters)");
        }
    }
}
