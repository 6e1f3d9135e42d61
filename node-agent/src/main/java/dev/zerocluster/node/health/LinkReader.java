package dev.zerocluster.node.health;

import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.model.Ipv4;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of the node's links: operstate and carrier from {@code /sys/class/net/<if>/}, the
 * counters from {@code /proc/net/dev} (one read for every link, instead of four sysfs files per
 * link; the same {@code rtnl_link_stats64} fields, net/core/net-procfs.c), and their IPv4 address
 * from {@code /proc/net}: sysfs has no addresses, so the address is the local
 * ({@code /32 host LOCAL}) entry of {@code /proc/net/fib_trie} that lies inside a connected route of
 * the link in {@code /proc/net/route}. The {@code /proc/net} files are per network namespace, which
 * is what the testbed relies on. A link is present when {@code /proc/net/dev} lists it (or, where
 * that file cannot be read, when its sysfs folder exists).
 */
public final class LinkReader {
    /** RTF_UP from include/uapi/linux/route.h. */
    private static final int RTF_UP = 0x0001;
    /** {@link #readNumbers}: every field decimal (/proc/net/dev). */
    private static final int ALL_DECIMAL = -1;
    /** {@link #readNumbers} for /proc/net/route: refcnt, use and metric decimal, the rest hex. */
    private static final int ROUTE_DECIMAL = (1 << 3) | (1 << 4) | (1 << 5);

    private final KernelFileReader reader;
    private final Path route;
    private final Path fibTrie;
    private final Path netDev;
    /** Per watched link, from the last {@code /proc/net/dev}: listed, and rx/tx bytes and errors. */
    private final boolean[] listed;
    private final long[][] counters;
    /** The first eleven counters of one /proc/net/dev line (up to tx errs), all decimal. */
    private final long[] devFields = new long[11];
    /** Destination, gateway, flags, refcnt, use, metric, mask of one /proc/net/route line. */
    private final long[] routeFields = new long[7];
    private final List<Watched> links;
    private int[] locals = new int[8];
    private int localCount;
    private final List<Route> routes = new ArrayList<>();

    /** One link to report: its interface and what kind it is ({@code usb}, {@code serial}). */
    public record Spec(InterfaceName name, String kind) {
    }

    private record Watched(Spec spec, byte[] name, Path operstate, Path carrier, Path dir) {
    }

    private record Route(String iface, int destination, int gateway, int flags, int metric, int mask) {
    }

    public LinkReader(SystemRoot root, KernelFileReader reader, List<Spec> specs) {
        this.reader = reader;
        this.route = root.path("/proc/net/route");
        this.fibTrie = root.path("/proc/net/fib_trie");
        this.netDev = root.path("/proc/net/dev");
        List<Watched> watched = new ArrayList<>();
        for (Spec spec : specs) {
            Path dir = root.path("/sys/class/net/" + spec.name().value());
            watched.add(new Watched(spec, spec.name().value().getBytes(StandardCharsets.US_ASCII),
                    dir.resolve("operstate"), dir.resolve("carrier"), dir));
        }
        this.links = List.copyOf(watched);
        this.listed = new boolean[links.size()];
        this.counters = new long[links.size()][4];
    }

    public List<HealthReport.Link> read() {
        if (links.isEmpty()) {
            return List.of();
        }
        loadRoutes();
        loadLocalAddresses();
        boolean haveCounters = loadCounters();
        String defaultIface = defaultRouteInterface();
        List<HealthReport.Link> out = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            Watched w = links.get(i);
            boolean present = haveCounters ? listed[i] : w.dir().toFile().isDirectory();
            boolean up = present && isUp(w);
            Cidr address = present ? addressOf(w.spec().name().value()) : null;
            boolean active = defaultIface != null
                    ? defaultIface.equals(w.spec().name().value())
                    : up && address != null;
            boolean counted = present && haveCounters;
            long[] c = counters[i];
            out.add(new HealthReport.Link(w.spec().name().value(), w.spec().kind(), up, up && active,
                    address == null ? null : address.toString(),
                    counted ? c[0] : null, counted ? c[1] : null, counted ? c[2] : null, counted ? c[3] : null));
        }
        return out;
    }

    /**
     * /proc/net/dev: two header lines, then {@code <if>: } and sixteen decimal counters, eight for
     * receive (bytes, packets, errs, …) and eight for transmit (bytes, packets, errs, …). A long name
     * may touch its colon's number. False when the file cannot be read.
     */
    private boolean loadCounters() {
        Arrays.fill(listed, false);
        if (!reader.load(netDev)) {
            return false;
        }
        int i = nextLine(nextLine(0));
        while (i < reader.length()) {
            int start = skipSpaces(i);
            int colon = start;
            while (colon < reader.length() && reader.at(colon) != ':' && reader.at(colon) != '\n') {
                colon++;
            }
            int link = colon < reader.length() && reader.at(colon) == ':' ? watchedIndex(start, colon) : -1;
            if (link >= 0) {
                long[] fields = devFields;
                if (readNumbers(colon + 1, fields, ALL_DECIMAL)) {
                    listed[link] = true;
                    long[] c = counters[link];
                    c[0] = fields[0];
                    c[1] = fields[8];
                    c[2] = fields[2];
                    c[3] = fields[10];
                }
            }
            i = nextLine(i);
        }
        return true;
    }

    private int watchedIndex(int from, int to) {
        for (int k = 0; k < links.size(); k++) {
            byte[] name = links.get(k).name();
            if (name.length == to - from && matches(from, name)) {
                return k;
            }
        }
        return -1;
    }

    private boolean matches(int from, byte[] name) {
        for (int k = 0; k < name.length; k++) {
            if (reader.at(from + k) != name[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 2863 operstate; "unknown" is what drivers without operstate support report (TUN, some
     * gadgets), and then the carrier decides.
     */
    private boolean isUp(Watched w) {
        if (!reader.load(w.operstate())) {
            return false;
        }
        if (reader.contentEquals("up")) {
            return true;
        }
        if (reader.contentEquals("unknown")) {
            Long carrier = reader.readLong(w.carrier());
            return carrier != null && carrier == 1;
        }
        return false;
    }

    private String defaultRouteInterface() {
        Route best = null;
        for (Route r : routes) {
            if (r.destination() == 0 && r.mask() == 0 && (r.flags() & RTF_UP) != 0
                    && (best == null || r.metric() < best.metric())) {
                best = r;
            }
        }
        return best == null ? null : best.iface();
    }

    /** The local address inside the broadest connected (gateway-less) route of {@code iface}. */
    private Cidr addressOf(String iface) {
        Cidr best = null;
        for (Route r : routes) {
            if (!r.iface().equals(iface) || r.gateway() != 0 || r.mask() == 0) {
                continue;
            }
            int prefix = Cidr.prefixOf(r.mask());
            for (int i = 0; i < localCount; i++) {
                if ((locals[i] & r.mask()) == r.destination() && prefix >= 0
                        && (best == null || prefix < best.prefixLength())) {
                    best = new Cidr(new Ipv4(locals[i]), prefix);
                }
            }
        }
        return best;
    }

    /**
     * /proc/net/route: a header, then tab-separated Iface, Destination, Gateway, Flags, RefCnt, Use,
     * Metric, Mask, … with addresses as the kernel's __be32 printed by %08X, that is byte-reversed
     * on a little-endian CPU (every Pi and x86).
     */
    private void loadRoutes() {
        routes.clear();
        if (!reader.load(route)) {
            return;
        }
        int i = nextLine(0);
        while (i < reader.length()) {
            int nameEnd = reader.skipToken(i);
            String iface = new String(bytes(i, nameEnd), StandardCharsets.US_ASCII);
            long[] fields = routeFields;
            if (readNumbers(nameEnd, fields, ROUTE_DECIMAL)) {
                // Fields: destination, gateway, flags (hex), refcnt, use, metric (decimal), mask.
                routes.add(new Route(iface, Integer.reverseBytes((int) fields[0]),
                        Integer.reverseBytes((int) fields[1]), (int) fields[2], (int) fields[5],
                        Integer.reverseBytes((int) fields[6])));
            }
            i = nextLine(i);
        }
    }

    /**
     * /proc/net/fib_trie lists each address as a leaf line {@code |-- 10.42.0.17} followed by its
     * routes; {@code /32 host LOCAL} marks an address of this host. Loopback is skipped.
     */
    private void loadLocalAddresses() {
        localCount = 0;
        if (!reader.load(fibTrie)) {
            return;
        }
        int leaf = 0;
        boolean haveLeaf = false;
        int i = 0;
        while (i < reader.length()) {
            int start = skipSpaces(i);
            if (reader.startsWith(start, "|-- ")) {
                Integer addr = parseDotted(start + 4);
                haveLeaf = addr != null;
                leaf = haveLeaf ? addr : 0;
            } else if (haveLeaf && reader.startsWith(start, "/32 host LOCAL")) {
                if ((leaf >>> 24) != 127 && !containsLocal(leaf)) {
                    if (localCount == locals.length) {
                        locals = Arrays.copyOf(locals, locals.length * 2);
                    }
                    locals[localCount++] = leaf;
                }
            }
            i = nextLine(i);
        }
    }

    private boolean containsLocal(int addr) {
        for (int i = 0; i < localCount; i++) {
            if (locals[i] == addr) {
                return true;
            }
        }
        return false;
    }

    private Integer parseDotted(int at) {
        int bits = 0;
        for (int part = 0; part < 4; part++) {
            Long octet = reader.parseLong(at, 10);
            if (octet == null || octet > 255) {
                return null;
            }
            bits = (bits << 8) | octet.intValue();
            while (at < reader.length() && Character.isDigit(reader.at(at))) {
                at++;
            }
            if (part < 3) {
                if (at >= reader.length() || reader.at(at) != '.') {
                    return null;
                }
                at++;
            }
        }
        return bits;
    }

    /**
     * Reads {@code into.length} blank-separated numbers from {@code at}, field {@code f} in decimal
     * when bit {@code f} of {@code decimalFields} is set and in hex otherwise; false if one is missing.
     */
    private boolean readNumbers(int at, long[] into, int decimalFields) {
        for (int f = 0; f < into.length; f++) {
            at = skipSpaces(at);
            Long v = reader.parseLong(at, (decimalFields & (1 << f)) != 0 ? 10 : 16);
            if (v == null) {
                return false;
            }
            into[f] = v;
            at = reader.skipToken(at);
        }
        return true;
    }

    private int skipSpaces(int i) {
        while (i < reader.length() && (reader.at(i) == ' ' || reader.at(i) == '\t')) {
            i++;
        }
        return i;
    }

    private int nextLine(int i) {
        while (i < reader.length() && reader.at(i) != '\n') {
            i++;
        }
        return i + 1;
    }

    private byte[] bytes(int from, int to) {
        byte[] out = new byte[to - from];
        for (int k = 0; k < out.length; k++) {
            out[k] = reader.at(from + k);
        }
        return out;
    }
}
