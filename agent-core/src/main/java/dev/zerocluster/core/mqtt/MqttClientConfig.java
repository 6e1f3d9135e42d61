package dev.zerocluster.core.mqtt;

import dev.zerocluster.core.config.ConfigReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A client's broker settings. {@code url} empty means {@code auto}: {@code tcp://<IPv4 gateway of
 * the USB link>:1883}.
 */
public record MqttClientConfig(Optional<URI> url, Optional<String> username, Optional<Path> passwordFile,
                               Optional<Path> joinTokenFile, Duration keepalive) {

    public static final Path DEFAULT_JOIN_TOKEN_FILE = Path.of("/etc/zerocluster/join-token");
    private static final String URL_EXPECTED = "auto, tcp://host:port or ssl://host:port";

    public static MqttClientConfig read(ConfigReader r) {
        Optional<URI> url = r.parsed("mqtt.url", Optional.empty(), URL_EXPECTED,
                text -> "auto".equals(text) ? Optional.empty() : Optional.of(parseUrl(text)));
        Optional<String> username = r.parsedOptional("mqtt.username", "a user name without spaces", text -> {
            if (text.isEmpty() || text.length() > 64 || text.chars().anyMatch(c -> c <= ' ' || c == '+' || c == '#')) {
                throw new IllegalArgumentException();
            }
            return text;
        });
        Optional<Path> passwordFile = r.parsedOptional("mqtt.password-file", "a file path", Path::of);
        Path token = r.parsed("mqtt.join-token-file", DEFAULT_JOIN_TOKEN_FILE, "a file path", Path::of);
        Duration keepalive = r.duration("mqtt.keepalive", Duration.ofSeconds(10));
        if (keepalive.toSeconds() < 1 || keepalive.toSeconds() > 65535) {
            throw r.error("mqtt.keepalive", "expected whole seconds from 1s to 65535s (an MQTT keepalive is"
                    + " a 16-bit count of seconds)");
        }
        return new MqttClientConfig(url, username, passwordFile, Optional.of(token), keepalive);
    }

    /** {@code tcp://host:port} or {@code ssl://host:port}; the port defaults to 1883 or 8883. */
    public static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
            throw new IllegalArgumentException("the scheme must be tcp or ssl");
        }
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
                || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("only a host and a port may follow the scheme");
        }
        int port = uri.getPort() == -1 ? ("ssl".equals(scheme) ? 8883 : 1883) : uri.getPort();
        return URI.create(scheme + "://" + uri.getHost() + ":" + port);
    }
}
