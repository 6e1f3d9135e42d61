package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.model.Ipv4;
import dev.zerocluster.core.system.KernelFile;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The IPv4 gateway of the USB link: the master, seen from the node. Read from
 * {@code /proc/net/route} (the default route through the link, else any gateway route through it)
 * each time it is asked, so that a new lease with another gateway is followed.
 *
 * <p>The link watch asks every second for as long as the node runs, so the table is kept open
 * ({@link KernelFile}: a read from offset 0 has the kernel list it afresh) and parsed in
 * place from one reused buffer: no open and close per look, no line strings, no regular
 * expression (the {@code readAllLines} and {@code split("\\s+")} this replaces compiled a pattern
 * per line). Thread-safe: the watch and the MQTT session's connect both ask.
 */
public final class UsbGateway implements AutoCloseable {
    /** RTF_UP | RTF_GATEWAY from include/uapi/linux/route.h. */
    private static final int RTF_UP = 0x1;
    private static final int RTF_GATEWAY = 0x2;
    /** Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask: the first eight fields of a line. */
    private static final int FIELDS = 8;

    private final KernelFile routes;
    private final byte[] iface;
    private final KernelFileReader reader = new KernelFileReader();
    private final long[] fields = new long[FIELDS];

    public UsbGateway(SystemRoot root, InterfaceName iface) {
        this.routes = new KernelFile(root.path("/proc/net/route"));
        this.iface = iface.value().getBytes(StandardCharsets.US_ASCII);
    }

    public synchronized Optional<Ipv4> current() {
        if (!reader.load(routes)) {
            return Optional.empty();
        }
        boolean haveAny = false;
        int any = 0;
        int line = endOfLine(0) + 1; // the header
        while (line < reader.length()) {
            int end = endOfLine(line);
            if (parse(line, end)) {
                int destination = Integer.reverseBytes((int) fields[1]);
                int gateway = Integer.reverseBytes((int) fields[2]);
                int flags = (int) fields[3];
                int mask = Integer.reverseBytes((int) fields[7]);
                if ((flags & (RTF_UP | RTF_GATEWAY)) == (RTF_UP | RTF_GATEWAY) && gateway != 0) {
                    if (destination == 0 && mask == 0) {
                        return Optional.of(new Ipv4(gateway));
                    }
                    if (!haveAny) {
                        any = gateway;
                        haveAny = true;
                    }
                }
            }
            line = end + 1;
        }
        return haveAny ? Optional.of(new Ipv4(any)) : Optional.empty();
    }

    /** Closes the kept route table; a later {@link #current} would open it again. */
    @Override
    public synchronized void close() {
        routes.close();
    }

    /**
     * A line of our interface into {@link #fields}: Destination, Gateway, Flags and Mask are
     * hexadecimal (the kernel's {@code %08X} of a __be32, byte-reversed on a little-endian CPU, and
     * {@code %04X}); RefCnt, Use and Metric are not needed and only skipped. False for another
     * interface or a line we do not understand.
     */
    private boolean parse(int from, int end) {
        int at = skipSpaces(from, end);
        for (int k = 0; k < iface.length; k++) {
            if (at + k >= end || reader.at(at + k) != iface[k]) {
                return false;
            }
        }
        at += iface.length;
        if (at >= end || !isSpace(reader.at(at))) {
            return false;
        }
        for (int f = 1; f < FIELDS; f++) {
            at = skipSpaces(at, end);
            boolean used = f < 4 || f == 7;
            long value = 0;
            int start = at;
            while (at < end && !isSpace(reader.at(at))) {
                if (used) {
                    int d = Character.digit(reader.at(at), 16);
                    if (d < 0 || at - start >= 8) {
                        return false;
                    }
                    value = (value << 4) | d;
                }
                at++;
            }
            if (at == start) {
                return false;
            }
            fields[f] = value;
        }
        return true;
    }

    private int endOfLine(int i) {
        while (i < reader.length() && reader.at(i) != '\n') {
            i++;
        }
        return i;
    }

    private int skipSpaces(int i, int end) {
        while (i < end && isSpace(reader.at(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
