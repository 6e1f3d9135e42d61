package dev.zerocluster.master.registry;

import dev.zerocluster.core.config.ConfigReader;
import java.time.Duration;
import java.util.Optional;

/** {@code offlineAfter} empty means three times each node's own health interval. */
public record RegistryConfig(Optional<Duration> offlineAfter) {

    public static RegistryConfig read(ConfigReader r) {
        return new RegistryConfig(r.parsed("nodes.offline-after", Optional.empty(),
                "auto or a duration such as 30s", text -> "auto".equals(text) ? Optional.empty()
                        : Optional.of(dev.zerocluster.core.config.Durations.parse(text))));
    }
}
