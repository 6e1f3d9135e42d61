package dev.zerocluster.master.join;

import dev.zerocluster.core.model.Ipv4;
import dev.zerocluster.core.system.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every address dnsmasq leases permanent for that MAC: each new lease becomes a line
 * {@code mac,ip} in the reservations file (dnsmasq's {@code dhcp-hostsfile}), which survives lease
 * expiry, a lost lease file and master restarts, so a node keeps its address for good.
 *
 * <p>Lease file lines are {@code expiry mac ip hostname client-id} (dnsmasq's {@code lease_update_file}).
 */
public final class DhcpReservations {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpReservations.class);
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private final Path leases;
    private final Path reservations;
    private final Runnable changed;
    private final Map<String, String> byMac = new LinkedHashMap<>();
    private FileTime lastSeen;

    public DhcpReservations(Path leases, Path reservations, Runnable changed) throws IOException {
        this.leases = leases;
        this.reservations = reservations;
        this.changed = changed;
        load();
    }

    private void load() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(reservations, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        for (String line : lines) {
            String[] f = line.strip().split(",");
            if (f.length == 2 && MAC.matcher(f[0]).matches()) {
                byMac.put(f[0], f[1]);
            }
        }
    }

    /** Reads the lease file if it changed; records new MACs. Cheap when nothing changed. */
    public synchronized void poll() {
        FileTime modified;
        List<String> lines;
        try {
            modified = Files.getLastModifiedTime(leases);
            if (modified.equals(lastSeen)) {
                return;
            }
            lines = Files.readAllLines(leases, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        lastSeen = modified;
        boolean added = false;
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            String mac = f[1].toLowerCase(Locale.ROOT);
            if (!MAC.matcher(mac).matches()) {
                continue;
            }
            try {
                Ipv4.parse(f[2]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!f[2].equals(byMac.get(mac))) {
                byMac.put(mac, f[2]);
                added = true;
                LOG.info("address {} reserved for {}", f[2], mac);
            }
        }
        if (added) {
            StringBuilder out = new StringBuilder();
            byMac.forEach((mac, ip) -> out.append(mac).append(',').append(ip).append('\n'));
            try {
                AtomicFile.write(reservations, out.toString().getBytes(StandardCharsets.UTF_8), null);
                changed.run();
            } catch (IOException e) {
                LOG.warn("cannot write {}: {}", reservations, e.getMessage());
            }
        }
    }

    public synchronized Map<String, String> byMac() {
        return Map.copyOf(byMac);
    }

    /** The MAC that holds {@code ip}, or null. */
    public synchronized String macOf(String ip) {
        for (Map.Entry<String, String> e : byMac.entrySet()) {
            if (e.getValue().equals(ip)) {
                return e.getKey();
            }
        }
        return null;
    }
}
