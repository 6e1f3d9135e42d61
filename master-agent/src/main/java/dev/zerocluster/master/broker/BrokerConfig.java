package dev.zerocluster.master.broker;

import dev.zerocluster.core.config.CommonKeys;
import dev.zerocluster.core.config.ConfigReader;
import dev.zerocluster.core.mqtt.MqttClientConfig;
import dev.zerocluster.master.config.BindAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** {@code url} is present exactly when the embedded broker is off. */
public record BrokerConfig(boolean embedded, int embeddedPort, String embeddedBind, Optional<URI> url,
                           Path joinTokenFile, boolean allowAnonymous) {

    public static BrokerConfig read(ConfigReader r) {
        boolean embedded = r.bool("mqtt.embedded.enabled", true);
        int port = r.integer("mqtt.embedded.port", 1883, 1, 65535);
        String bind = r.parsed("mqtt.embedded.bind", "0.0.0.0", BindAddress.EXPECTED, BindAddress::parse);
        Optional<URI> url = r.parsedOptional("mqtt.url", "tcp://host:port or ssl://host:port",
                MqttClientConfig::parseUrl);
        Path token = CommonKeys.path(r, "mqtt.join-token-file", MqttClientConfig.DEFAULT_JOIN_TOKEN_FILE);
        boolean anonymous = r.bool("mqtt.allow-anonymous", false);
        if (embedded && url.isPresent()) {
            throw r.error("mqtt.url", "used only with mqtt.embedded.enabled: false (the master then connects to"
                    + " that broker instead of its own)");
        }
        if (!embedded && url.isEmpty()) {
            throw r.error("mqtt.embedded.enabled", "false needs mqtt.url, the broker to use instead");
        }
        return new BrokerConfig(embedded, port, bind, url, token, anonymous);
    }
}
