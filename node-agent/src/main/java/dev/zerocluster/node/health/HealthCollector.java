package dev.zerocluster.node.health;

import dev.zerocluster.core.config.ConfigException;
import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.MessageWriter;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.KernelFile;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.OnceLog;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.tweaks.TweakStateReader;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Collects one {@link HealthReport}. Every path is resolved once, here, and the board's identity is
 * read once, since neither changes while the agent runs; the files read for every report stay open
 * ({@link KernelFile}) until {@link #close}. Not thread-safe: one collector per thread.
 */
public final class HealthCollector implements AutoCloseable {
    /** A value that could not be read (a temperature may be below zero: no other number will do). */
    private static final long MISSING = Long.MIN_VALUE;
    private static final byte[] ROOT_JSON = MessageWriter.encode("/");
    /** vcgencmd answers in milliseconds; a firmware mailbox that hangs must not stall the reports. */
    private static final Duration VCGENCMD_TIMEOUT = Duration.ofSeconds(2);

    private final NodeId node;
    private final BoardIdentity board;
    private final KernelFileReader reader;
    private final ThrottleReader throttle;
    private final LinkReader links;
    private final TweakStateReader tweaks;
    private final Clock clock;
    private final OnceLog onceLog;
    private final KernelFile uptime;
    private final KernelFile loadavg;
    private final KernelFile meminfo;
    private final KernelFile cpuOnline;
    private final KernelFile temperature;
    private final KernelFile cpuFreq;
    private final File diskRoot;
    private final ReportTime reportTime = new ReportTime();
    /** Writes the reports; its buffer is reused, and {@link #report} hands out copies. */
    private final MessageWriter writer = new MessageWriter();
    /** The texts that never change while the agent runs, escaped once. */
    private final byte[] nodeJson;
    private final byte[] modelJson;
    private final byte[] serialJson;

    public HealthCollector(NodeId node, BoardIdentity board, SystemRoot root, KernelFileReader reader,
                           ThrottleReader throttle, LinkReader links, TweakStateReader tweaks, Clock clock,
                           OnceLog onceLog) {
        this.node = node;
        this.board = board;
        this.reader = reader;
        this.throttle = throttle;
        this.links = links;
        this.tweaks = tweaks;
        this.clock = clock;
        this.onceLog = onceLog;
        this.uptime = new KernelFile(root.path("/proc/uptime"));
        this.loadavg = new KernelFile(root.path("/proc/loadavg"));
        this.meminfo = new KernelFile(root.path("/proc/meminfo"));
        this.cpuOnline = new KernelFile(root.path("/sys/devices/system/cpu/online"));
        this.temperature = new KernelFile(root.path("/sys/class/thermal/thermal_zone0/temp"));
        this.cpuFreq = new KernelFile(root.path("/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"));
        this.diskRoot = root.root().toFile();
        this.nodeJson = MessageWriter.encode(node.value());
        this.modelJson = MessageWriter.encode(board.model());
        this.serialJson = MessageWriter.encode(board.serial());
    }

    /**
     * Builds a collector for the real host or a fake tree: resolves the node id ({@code auto} from the
     * board serial), and reports the given links.
     */
    public static HealthCollector create(SystemRoot root, Optional<NodeId> configuredId, List<LinkReader.Spec> links,
                                         CommandRunner commands, Clock clock) {
        OnceLog onceLog = new OnceLog(LoggerFactory.getLogger(HealthCollector.class));
        KernelFileReader reader = new KernelFileReader();
        BoardIdentity board = BoardIdentity.read(root);
        NodeId id = board.nodeId(configuredId).orElseThrow(() -> new ConfigException("node.id is auto, but "
                + root.path("/proc/device-tree/serial-number") + ", the Serial line of " + root.path("/proc/cpuinfo")
                + " and " + root.path("/etc/machine-id") + " give no serial to derive it from; set node.id"));
        return new HealthCollector(id, board, root, reader,
                new ThrottleReader(root, commands, reader, onceLog, VCGENCMD_TIMEOUT),
                new LinkReader(root, reader, links), new TweakStateReader(root, board, reader, commands), clock, onceLog);
    }

    public NodeId node() {
        return node;
    }

    /**
     * One report (schema 1, SPEC §4) as the JSON the node publishes: the fields in
     * {@link HealthReport}'s order, written as {@code Json.mapper()} writes that record, straight
     * from the kernel's files into the writer's buffer. Straight, rather than through a
     * {@code HealthReport} and its boxed numbers: a report at one a second is priced by the memory
     * it touches after an idle second, and the record's constructors, the boxes and the string of
     * {@code ts} were compiled code and heap that every report touched (docs/performance.md, "Node
     * footprint"). {@code HealthCasesTest} reads the bytes back into the record and compares them
     * with databind's.
     */
    public byte[] report(long seq) {
        MessageWriter out = writer;
        out.start();
        out.number("schema", HealthReport.SCHEMA);
        out.preEncoded("node", nodeJson);
        byte[] ts = reportTime.ascii(Math.floorDiv(clock.millis(), 1000));
        out.asciiText("ts", ts, ts.length);
        out.number("seq", seq);
        out.preEncoded("model", modelJson);
        out.preEncoded("serial", serialJson);

        double up = Double.NaN;
        if (reader.load(uptime)) {
            up = reader.parseDecimal(reader.skipBlank(0));
        }
        missing(up, uptime);
        out.numberOrNull("uptimeSeconds", up);

        double load1 = Double.NaN;
        double load5 = Double.NaN;
        double load15 = Double.NaN;
        if (reader.load(loadavg)) {
            int i = reader.skipBlank(0);
            load1 = reader.parseDecimal(i);
            i = reader.skipBlank(reader.skipToken(i));
            load5 = reader.parseDecimal(i);
            i = reader.skipBlank(reader.skipToken(i));
            load15 = reader.parseDecimal(i);
        }
        missing(load15, loadavg);
        out.numberOrNull("load1", load1);
        out.numberOrNull("load5", load5);
        out.numberOrNull("load15", load15);

        int cpus = cpuCount();
        numberOrNull(out, "cpuCount", cpus > 0 ? cpus : MISSING);

        long tempMilli = reader.readLong(temperature, MISSING);
        missing(tempMilli, temperature);
        out.numberOrNull("cpuTempC", tempMilli == MISSING ? Double.NaN : tempMilli / 1000.0);
        long freqKHz = reader.readLong(cpuFreq, MISSING);
        missing(freqKHz, cpuFreq);
        numberOrNull(out, "cpuFreqMHz", freqKHz == MISSING ? MISSING : (int) Math.round(freqKHz / 1000.0));

        out.throttled(throttle.read());
        memory(out);
        disk(out);
        out.links(links.read());
        out.tweaks(tweaks.read());
        return out.finish();
    }

    /** {@code /sys/devices/system/cpu/online} lists ranges such as {@code 0-3} or {@code 0,2-3}; 0 when unknown. */
    private int cpuCount() {
        if (reader.load(cpuOnline)) {
            int count = 0;
            int i = 0;
            while (i < reader.length()) {
                long from = reader.parseUnsigned(i, 10);
                if (from < 0) {
                    break;
                }
                while (reader.isDigit(i)) {
                    i++;
                }
                long to = from;
                if (i < reader.length() && reader.at(i) == '-') {
                    long end = reader.parseUnsigned(i + 1, 10);
                    if (end < 0) {
                        break;
                    }
                    to = end;
                    i++;
                    while (reader.isDigit(i)) {
                        i++;
                    }
                }
                count += (int) (to - from + 1);
                if (i < reader.length() && reader.at(i) == ',') {
                    i++;
                } else {
                    break;
                }
            }
            if (count > 0) {
                return count;
            }
        }
        if (board.cpuinfoProcessors() > 0) {
            return board.cpuinfoProcessors();
        }
        onceLog.info(cpuOnline.toString(), "cannot read " + cpuOnline + ": reporting null");
        return 0;
    }

    /** {@code MemAvailable} exists since Linux 3.14; both values are in kB. */
    private void memory(MessageWriter out) {
        long total = MISSING;
        long available = MISSING;
        if (reader.load(meminfo)) {
            total = bytesOfKib(reader.findLineStarting("MemTotal:"));
            available = bytesOfKib(reader.findLineStarting("MemAvailable:"));
        }
        missing(available, meminfo);
        out.startObject("memory");
        numberOrNull(out, "totalBytes", total);
        numberOrNull(out, "availableBytes", available);
        out.endObject();
    }

    private long bytesOfKib(int at) {
        if (at < 0) {
            return MISSING;
        }
        long kb = reader.parseUnsigned(reader.skipBlank(at), 10);
        return kb < 0 ? MISSING : kb * 1024;
    }

    /**
     * statvfs of the real path the root stands for, through {@link File}: one native call each,
     * where a {@code FileStore} copied the path into a native buffer and built an attributes object
     * for each figure. {@link File} answers 0 when statvfs fails, and no mounted file system has 0
     * bytes, so 0 is reported as unknown.
     */
    private void disk(MessageWriter out) {
        out.startObject("disk");
        out.preEncoded("path", ROOT_JSON);
        long total = diskRoot.getTotalSpace();
        if (total == 0) {
            onceLog.warn("disk", "cannot statvfs " + diskRoot + " (missing or unreadable): reporting null");
            out.nullValue("totalBytes");
            out.nullValue("freeBytes");
        } else {
            out.number("totalBytes", total);
            out.number("freeBytes", diskRoot.getUsableSpace());
        }
        out.endObject();
    }

    private static void numberOrNull(MessageWriter out, String name, long value) {
        if (value == MISSING) {
            out.nullValue(name);
        } else {
            out.number(name, value);
        }
    }

    /** Closes the files kept open for the reports; call once no report is being collected. */
    @Override
    public void close() {
        for (KernelFile f : List.of(uptime, loadavg, meminfo, cpuOnline, temperature, cpuFreq)) {
            f.close();
        }
        throttle.close();
        links.close();
        tweaks.close();
    }

    private void missing(double value, KernelFile source) {
        if (Double.isNaN(value)) {
            onceLog.info(source.toString(), "cannot read " + source + ": reporting null");
        }
    }

    private void missing(long value, KernelFile source) {
        if (value == MISSING) {
            onceLog.info(source.toString(), "cannot read " + source + ": reporting null");
        }
    }
}
