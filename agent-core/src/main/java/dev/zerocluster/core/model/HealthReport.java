package dev.zerocluster.core.model;

import java.util.List;

/**
 * One health report, schema 1 (SPEC §4). Units are in the names. A value the node could not read is
 * {@code null}, never a stand-in number, which is why the numbers are boxed.
 */
public record HealthReport(
        int schema,
        NodeId node,
        String ts,
        long seq,
        String model,
        String serial,
        Double uptimeSeconds,
        Double load1,
        Double load5,
        Double load15,
        Integer cpuCount,
        Double cpuTempC,
        Integer cpuFreqMHz,
        Throttled throttled,
        Memory memory,
        Disk disk,
        List<Link> links,
        Tweaks tweaks) {

    public static final int SCHEMA = 1;

    public record Memory(Long totalBytes, Long availableBytes) {
    }

    /** {@code freeBytes} is what an unprivileged user may still write (statvfs {@code f_bavail}), as df's "Avail". */
    public record Disk(String path, Long totalBytes, Long freeBytes) {
    }

    /**
     * A node link. {@code up}: the kernel reports the link operational; {@code active}: the node's
     * traffic to the master goes over it (it holds the default route).
     */
    public record Link(String name, String kind, Boolean up, Boolean active, String address,
                       Long rxBytes, Long txBytes, Long rxErrors, Long txErrors) {
    }

    /** Each value {@code off}, {@code on}, {@code pending-reboot} or null when there is nothing to read. */
    public record Tweaks(String hdmi, String actLed) {
    }
}
