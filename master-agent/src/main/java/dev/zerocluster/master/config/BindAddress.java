package dev.zerocluster.master.config;

import dev.zerocluster.core.model.Ipv4;

/** An address to listen on: an IPv4 literal ({@code 0.0.0.0} for all) or {@code ::}. */
public final class BindAddress {
    public static final String EXPECTED = "an IPv4 address such as 0.0.0.0 or 127.0.0.1, or ::";

    private BindAddress() {
    }

    public static String parse(String text) {
        if ("::".equals(text)) {
            return text;
        }
        return Ipv4.parse(text).toString();
    }
}
