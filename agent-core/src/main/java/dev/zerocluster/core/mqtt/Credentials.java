package dev.zerocluster.core.mqtt;

import dev.zerocluster.core.model.NodeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Broker credentials (SPEC §6). A node logs in as user {@code <id>} with the password
 *
 * <pre>  lower-case hex of HMAC-SHA256(key = the join token, message = "zerocluster-node:" + id)</pre>
 *
 * where the join token is the token file's content with surrounding white space removed, as UTF-8
 * bytes. So the master can check any node without per-node provisioning. The master itself logs in
 * as {@link #MASTER_USER}, whose password is a separate secret that only the master holds: every
 * node's SD card carries the join token, so nothing derived from it may open the master's rights.
 */
public final class Credentials {
    /** Contains a '.', which no node id may, so no node can be named like the master. */
    public static final String MASTER_USER = "zc.master";
    private static final String NODE_CONTEXT = "zerocluster-node:";
    /** A token shorter than this is too easy to guess to protect a broker. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private Credentials() {
    }

    public static String nodePassword(String joinToken, NodeId node) {
        return hmacHex(joinToken, NODE_CONTEXT + node.value());
    }

    /** Compares in constant time, so a wrong password reveals nothing by how long it took. */
    public static boolean matches(String expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given);
    }

    /**
     * The join token from its file, trimmed; empty when the file does not exist. A file that exists
     * but is unreadable or too short is an error, not "no token".
     */
    public static Optional<String> readToken(Path file) throws IOException {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IOException("join token in " + file + " is shorter than " + MIN_TOKEN_LENGTH + " characters");
        }
        return Optional.of(token);
    }

    private static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
