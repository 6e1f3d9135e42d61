package dev.zerocluster.master.dashboard;

import dev.zerocluster.core.config.ConfigReader;
import dev.zerocluster.master.config.BindAddress;

public record HttpConfig(int port, String bind) {

    public static HttpConfig read(ConfigReader r) {
        return new HttpConfig(r.integer("http.port", 8080, 1, 65535),
                r.parsed("http.bind", "0.0.0.0", BindAddress.EXPECTED, BindAddress::parse));
    }
}
