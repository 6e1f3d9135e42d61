package dev.zerocluster.node.health;

import dev.zerocluster.core.config.ConfigException;
import dev.zerocluster.core.model.HealthReport;
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

    public HealthReport collect(long seq) {
        Double up = null;
        if (reader.load(uptime)) {
            up = reader.parseDecimal(reader.skipBlank(0));
        }
        missing(up, uptime);

        Double load1 = null;
        Double load5 = null;
        Double load15 = null;
        if (reader.load(loadavg)) {
            int i = reader.skipBlank(0);
            load1 = reader.parseDecimal(i);
            i = reader.skipBlank(reader.skipToken(i));
            load5 = reader.parseDecimal(i);
            i = reader.skipBlank(reader.skipToken(i));
            load15 = reader.parseDecimal(i);
        }
        missing(load15, loadavg);

        Long tempMilli = reader.readLong(temperature);
        missing(tempMilli, temperature);
        Long freqKHz = reader.readLong(cpuFreq);
        missing(freqKHz, cpuFreq);

        return new HealthReport(HealthReport.SCHEMA, node, reportTime.format(Math.floorDiv(clock.millis(), 1000)),
                seq, board.model(), board.serial(), up, load1, load5, load15, cpuCount(),
                tempMilli == null ? null : tempMilli / 1000.0,
                freqKHz == null ? null : (int) Math.round(freqKHz / 1000.0),
                throttle.read(), memory(), disk(), links.read(), tweaks.read());
    }

    /** {@code /sys/devices/system/cpu/online} lists ranges such as {@code 0-3} or {@code 0,2-3}. */
    private Integer cpuCount() {
        if (reader.load(cpuOnline)) {
            int count = 0;
            int i = 0;
            while (i < reader.length()) {
                Long from = reader.parseLong(i, 10);
                if (from == null) {
                    break;
                }
                while (reader.isDigit(i)) {
                    i++;
                }
                long to = from;
                if (i < reader.length() && reader.at(i) == '-') {
                    Long end = reader.parseLong(i + 1, 10);
                    if (end == null) {
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
        missing(null, cpuOnline);
        return null;
    }

    /** {@code MemAvailable} exists since Linux 3.14; both values are in kB. */
    private HealthReport.Memory memory() {
        Long total = null;
        Long available = null;
        if (reader.load(meminfo)) {
            total = kib(reader.findLineStarting("MemTotal:"));
            available = kib(reader.findLineStarting("MemAvailable:"));
        }
        missing(available, meminfo);
        return new HealthReport.Memory(total, available);
    }

    private Long kib(int at) {
        if (at < 0) {
            return null;
        }
        Long kb = reader.parseLong(reader.skipBlank(at), 10);
        return kb == null ? null : kb * 1024;
    }

    /**
     * statvfs of the real path the root stands for, through {@link File}: one native call each,
     * where a {@code FileStore} copied the path into a native buffer and built an attributes object
     * for each figure. {@link File} answers 0 when statvfs fails, and no mounted file system has 0
     * bytes, so 0 is reported as unknown.
     */
    private HealthReport.Disk disk() {
        long total = diskRoot.getTotalSpace();
        if (total == 0) {
            onceLog.warn("disk", "cannot statvfs " + diskRoot + " (missing or unreadable): reporting null");
            return new HealthReport.Disk("/", null, null);
        }
        return new HealthReport.Disk("/", total, diskRoot.getUsableSpace());
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

    private void missing(Object value, KernelFile source) {
        if (value == null) {
            onceLog.info(source.toString(), "cannot read " + source + ": reporting null");
        }
    }
}
