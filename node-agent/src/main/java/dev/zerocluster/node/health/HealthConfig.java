package dev.zerocluster.node.health;

import dev.zerocluster.core.config.ConfigReader;
import java.time.Duration;

public record HealthConfig(Duration interval) {

    public static HealthConfig read(ConfigReader r) {
        Duration interval = r.duration("health.interval", Duration.ofSeconds(10));
        if (interval.toMillis() < 100) {
            throw r.error("health.interval", "expected at least 100ms");
        }
        return new HealthConfig(interval);
    }
}
