package dev.zerocluster.master.outputs;

import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.SshPublicKey;
import dev.zerocluster.core.mqtt.MqttSession;
import dev.zerocluster.core.mqtt.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's public key ({@code ssh.public-key}), offered retained on
 * {@code <base>/master/ssh-key} as {@code {"key": "<OpenSSH public key>"}}; every node that joins
 * adds it to its user's {@code authorized_keys}.
 */
public final class SshKeyOffer {
    private static final Logger LOG = LoggerFactory.getLogger(SshKeyOffer.class);

    private SshKeyOffer() {
    }

    /** The message to publish with every birth, or empty when there is no usable key file. */
    public static Optional<MqttSession.Message> message(Path keyFile, Topics topics) {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            LOG.warn("no SSH public key at {} (ssh.public-key): nodes get none", keyFile);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read ssh.public-key {}: {}", keyFile, e.getMessage());
            return Optional.empty();
        }
        SshPublicKey key;
        try {
            key = SshPublicKey.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("ssh.public-key {}: {}", keyFile, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(new MqttSession.Message(topics.masterSshKey(),
                    Json.mapper().writeValueAsBytes(Map.of("key", key.line())), 1, true));
        } catch (IOException e) {
            throw new IllegalStateException("a map of one string always serializes", e);
        }
    }
}
