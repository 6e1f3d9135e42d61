package dev.zerocluster.node.daemon;

import dev.zerocluster.core.config.ConfigException;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.MqttClientConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * How the node logs in to the broker: user {@code mqtt.username} (default: the node id), password
 * from {@code mqtt.password-file}, else derived from the join token (SPEC §6), else none (the master
 * then admits the node only with {@code mqtt.allow-anonymous: true}).
 */
public record BrokerLogin(String username, Optional<String> password) {

    public static BrokerLogin of(MqttClientConfig mqtt, NodeId id) {
        String user = mqtt.username().orElse(id.value());
        if (mqtt.passwordFile().isPresent()) {
            try {
                String password = Files.readString(mqtt.passwordFile().get(), StandardCharsets.UTF_8).strip();
                return new BrokerLogin(user, Optional.of(password));
            } catch (IOException e) {
                throw new ConfigException("mqtt.password-file " + mqtt.passwordFile().get() + " cannot be read: "
                        + e.getMessage());
            }
        }
        Optional<String> token = Optional.empty();
        if (mqtt.joinTokenFile().isPresent()) {
            try {
                token = Credentials.readToken(mqtt.joinTokenFile().get());
            } catch (IOException e) {
                throw new ConfigException("mqtt.join-token-file: " + e.getMessage());
            }
        }
        return new BrokerLogin(user, token.map(t -> Credentials.nodePassword(t, id)));
    }
}
