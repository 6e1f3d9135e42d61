package dev.zerocluster.master.registry;

import dev.zerocluster.core.model.HealthReport;

/**
 * One node in {@code GET /api/nodes} and {@code <base>/cluster}: {@code address} is the IPv4
 * address of its active link (no prefix), {@code link} that link's kind ({@code usb},
 * {@code serial}), {@code lastSeen} the time of its last message; {@code health} its last report.
 */
public record NodeView(String id, String state, String address, String link, String lastSeen, HealthReport health) {

    /** Without the health report, as in {@code <base>/cluster}. */
    public record Summary(String id, String state, String address, String link, String lastSeen) {
    }

    public Summary summary() {
        return new Summary(id, state, address, link, lastSeen);
    }
}
