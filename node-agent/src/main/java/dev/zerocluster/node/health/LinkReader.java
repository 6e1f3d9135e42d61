package dev.zerocluster.node.health;

import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.model.Ipv4;
import dev.zerocluster.core.system.KernelFile;
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
 * that file cannot be read, when its sysfs folder exists). The files stay open between reports
 * ({@link KernelFile}) until {@link #close}, and a report allocates only what it returns.
 */
public final class LinkReader implements AutoCloseable {
    /** RTF_UP from include/uapi/linux/route.h. */
    private static final int RTF_UP = 0x0001;
    /** {@link #readNumbers}: every field decimal (/proc/net/dev). */
    private static final int ALL_DECIMAL = -1;
    /** {@link #readNumbers} for /proc/net/route: refcnt, use and metric decimal, the rest hex. */
    private static final int ROUTE_DECIMAL = (1 << 3) | (1 << 4) | (1 << 5);

    /** The link index of an interface that is none of the watched links ({@link #watchedIndex}). */
    private static final int OTHER_LINK = -1;
    /** {@link #defaultRouteLink} when there is no default route. */
    private static final int NO_DEFAULT = -2;
    /** {@link #addressOf} when the link has no address. */
    private static final long NO_ADDRESS = -1;

    private static final HealthReport.Link[] NO_LINKS = {};

    private final KernelFileReader reader;
    private final KernelFile route;
    private final KernelFile fibTrie;
    private final KernelFile netDev;
    /** Per watched link, from the last {@code /proc/net/dev}: listed, and rx/tx bytes and errors. */
    private final boolean[] listed;
    private final long[][] counters;
    /** The first eleven counters of one /proc/net/dev line (up to tx errs), all decimal. */
    private final long[] devFields = new long[11];
    /** Destination, gateway, flags, refcnt, use, metric, mask of one /proc/net/route line. */
    private final long[] routeFields = new long[7];
    /**
     * An array, not a List: {@code List.copyOf}'s small lists have methods compiled early in the
     * JVM's life, each on a code page of its own that every report touched after an idle second
     * (docs/performance.md, "Node footprint").
     */
    private final Watched[] links;
    /** Per watched link, its last address ({@link #addressOf}) and that address's text. */
    private final long[] lastAddress;
    private final String[] lastAddressText;
    private int[] locals = new int[8];
    private int localCount;
    /**
     * The routes of the last /proc/net/route, one index across the arrays: the watched link's index
     * (or {@link #OTHER_LINK}), destination, gateway, flags, metric and mask.
     */
    private int[] routeLink = new int[8];
    private int[] routeDestination = new int[8];
    private int[] routeGateway = new int[8];
    private int[] routeFlags = new int[8];
    private int[] routeMetric = new int[8];
    private int[] routeMask = new int[8];
    private int routeCount;

    /** One link to report: its interface and what kind it is ({@code usb}, {@code serial}). */
    public record Spec(InterfaceName name, String kind) {
    }

    private record Watched(Spec spec, byte[] name, KernelFile operstate, KernelFile carrier, Path dir) {
    }

    public LinkReader(SystemRoot root, KernelFileReader reader, List<Spec> specs) {
        this.reader = reader;
        this.route = new KernelFile(root.path("/proc/net/route"));
        this.fibTrie = new KernelFile(root.path("/proc/net/fib_trie"));
        this.netDev = new KernelFile(root.path("/proc/net/dev"));
        List<Watched> watched = new ArrayList<>();
        for (Spec spec : specs) {
            Path dir = root.path("/sys/class/net/" + spec.name().value());
            watched.add(new Watched(spec, spec.name().value().getBytes(StandardCharsets.US_ASCII),
                    new KernelFile(dir.resolve("operstate")), new KernelFile(dir.resolve("carrier")), dir));
        }
        this.links = watched.toArray(Watched[]::new);
        this.listed = new boolean[links.length];
        this.counters = new long[links.length][4];
        this.lastAddress = new long[links.length];
        Arrays.fill(lastAddress, NO_ADDRESS);
        this.lastAddressText = new String[links.length];
    }

    /**
     * The watched links now, in the order given. An array: the report's writer walks it, where a
     * List's size and get were interface calls into methods compiled early in the JVM's life, each
     * on a code page of its own (docs/performance.md, "Node footprint").
     */
    public HealthReport.Link[] read() {
        if (links.length == 0) {
            return NO_LINKS;
        }
        loadRoutes();
        loadLocalAddresses();
        boolean haveCounters = loadCounters();
        int defaultLink = defaultRouteLink();
        HealthReport.Link[] out = new HealthReport.Link[links.length];
        for (int i = 0; i < links.length; i++) {
            Watched w = links[i];
            boolean present = haveCounters ? listed[i] : w.dir().toFile().isDirectory();
            boolean up = present && isUp(w);
            String address = present ? addressText(i, addressOf(i)) : null;
            boolean active = defaultLink != NO_DEFAULT ? defaultLink == i : up && address != null;
            boolean counted = present && haveCounters;
            long[] c = counters[i];
            out[i] = new HealthReport.Link(w.spec().name().value(), w.spec().kind(), up, up && active,
                    address,
                    counted ? c[0] : null, counted ? c[1] : null, counted ? c[2] : null, counted ? c[3] : null);
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
            int link = colon < reader.length() && reader.at(colon) == ':' ? watchedIndex(start, colon) : OTHER_LINK;
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

    /** The index of the watched link named by the bytes from {@code from} to {@code to}, or {@link #OTHER_LINK}. */
    private int watchedIndex(int from, int to) {
        for (int k = 0; k < links.length; k++) {
            byte[] name = links[k].name();
            if (name.length == to - from && reader.matches(from, name)) {
                return k;
            }
        }
        return OTHER_LINK;
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
            return reader.readLong(w.carrier(), -1) == 1;
        }
        return false;
    }

    /** The watched link of the lowest-metric default route, {@link #OTHER_LINK}, or {@link #NO_DEFAULT}. */
    private int defaultRouteLink() {
        int best = -1;
        for (int r = 0; r < routeCount; r++) {
            if (routeDestination[r] == 0 && routeMask[r] == 0 && (routeFlags[r] & RTF_UP) != 0
                    && (best < 0 || routeMetric[r] < routeMetric[best])) {
                best = r;
            }
        }
        return best < 0 ? NO_DEFAULT : routeLink[best];
    }

    /**
     * The text of {@code address} ({@link #addressOf}), for watched link {@code link}: made again only
     * when the address changed, since writing it took a string concatenation's method handles.
     */
    private String addressText(int link, long address) {
        if (address == NO_ADDRESS) {
            return null;
        }
        if (address != lastAddress[link]) {
            lastAddress[link] = address;
            lastAddressText[link] = new Cidr(new Ipv4((int) (address >>> 8)), (int) (address & 0xff)).toString();
        }
        return lastAddressText[link];
    }

    /**
     * The local address inside the broadest connected (gateway-less) route of watched link
     * {@code link}, as the address's 32 bits above its 8-bit prefix length, or {@link #NO_ADDRESS}.
     */
    private long addressOf(int link) {
        int bestAddress = 0;
        int bestPrefix = -1;
        for (int r = 0; r < routeCount; r++) {
            int mask = routeMask[r];
            if (routeLink[r] != link || routeGateway[r] != 0 || mask == 0) {
                continue;
            }
            int prefix = Cidr.prefixOf(mask);
            for (int i = 0; i < localCount; i++) {
                if ((locals[i] & mask) == routeDestination[r] && prefix >= 0
                        && (bestPrefix < 0 || prefix < bestPrefix)) {
                    bestAddress = locals[i];
                    bestPrefix = prefix;
                }
            }
        }
        return bestPrefix < 0 ? NO_ADDRESS : (bestAddress & 0xffffffffL) << 8 | bestPrefix;
    }

    /**
     * /proc/net/route: a header, then tab-separated Iface, Destination, Gateway, Flags, RefCnt, Use,
     * Metric, Mask, … with addresses as the kernel's __be32 printed by %08X, that is byte-reversed
     * on a little-endian CPU (every Pi and x86).
     */
    private void loadRoutes() {
        routeCount = 0;
        if (!reader.load(route)) {
            return;
        }
        int i = nextLine(0);
        while (i < reader.length()) {
            int nameEnd = reader.skipToken(i);
            long[] fields = routeFields;
            if (readNumbers(nameEnd, fields, ROUTE_DECIMAL)) {
                if (routeCount == routeLink.length) {
                    growRoutes();
                }
                int r = routeCount++;
                // Fields: destination, gateway, flags (hex), refcnt, use, metric (decimal), mask.
                routeLink[r] = watchedIndex(i, nameEnd);
                routeDestination[r] = Integer.reverseBytes((int) fields[0]);
                routeGateway[r] = Integer.reverseBytes((int) fields[1]);
                routeFlags[r] = (int) fields[2];
                routeMetric[r] = (int) fields[5];
                routeMask[r] = Integer.reverseBytes((int) fields[6]);
            }
            i = nextLine(i);
        }
    }

    private void growRoutes() {
        int n = routeLink.length * 2;
        routeLink = Arrays.copyOf(routeLink, n);
        routeDestination = Arrays.copyOf(routeDestination, n);
        routeGateway = Arrays.copyOf(routeGateway, n);
        routeFlags = Arrays.copyOf(routeFlags, n);
        routeMetric = Arrays.copyOf(routeMetric, n);
        routeMask = Arrays.copyOf(routeMask, n);
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
                long addr = parseDotted(start + 4);
                haveLeaf = addr >= 0;
                leaf = haveLeaf ? (int) addr : 0;
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

    /** A dotted IPv4 address as an unsigned 32-bit number, or -1. */
    private long parseDotted(int at) {
        int bits = 0;
        for (int part = 0; part < 4; part++) {
            long octet = reader.parseUnsigned(at, 10);
            if (octet < 0 || octet > 255) {
                return -1;
            }
            bits = (bits << 8) | (int) octet;
            while (reader.isDigit(at)) {
                at++;
            }
            if (part < 3) {
                if (at >= reader.length() || reader.at(at) != '.') {
                    return -1;
                }
                at++;
            }
        }
        return bits & 0xffffffffL;
    }

    /**
     * Reads {@code into.length} blank-separated numbers from {@code at}, field {@code f} in decimal
     * when bit {@code f} of {@code decimalFields} is set and in hex otherwise; false if one is missing.
     */
    private boolean readNumbers(int at, long[] into, int decimalFields) {
        for (int f = 0; f < into.length; f++) {
            at = skipSpaces(at);
            long v = reader.parseUnsigned(at, (decimalFields & (1 << f)) != 0 ? 10 : 16);
            if (v < 0) {
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

    @Override
    public void close() {
        route.close();
        fibTrie.close();
        netDev.close();
        for (Watched w : links) {
            w.operstate().close();
            w.carrier().close();
        }
    }
}
