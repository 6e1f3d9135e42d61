package dev.zerocluster.node.health;

import dev.zerocluster.core.model.Throttled;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.KernelFile;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.OnceLog;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The firmware's throttle flags, from the best source this board has, in order:
 * <ol>
 * <li>{@code vcgencmd get_throttled} (prints {@code throttled=0x50005}) when the binary exists;</li>
 * <li>the sysfs twin {@code /sys/devices/platform/soc/soc:firmware/get_throttled} (hex without
 * {@code 0x}; deprecated, its first read leaves one WARN_ONCE backtrace in dmesg);</li>
 * <li>the {@code rpi_volt} hwmon {@code in0_lcrit_alarm}, which knows under-voltage alone
 * (drivers/hwmon/raspberrypi-hwmon.c).</li>
 * </ol>
 * A source that fails falls through to the next; none gives {@link Throttled#unknown()}. The files
 * stay open between reads ({@link KernelFile}) until {@link #close}.
 */
public final class ThrottleReader implements AutoCloseable {
    private static final Pattern VCGENCMD_OUTPUT = Pattern.compile("throttled=0x([0-9a-fA-F]{1,8})\\s*");
    private static final List<String> VCGENCMD_PATHS = List.of("/usr/bin/vcgencmd", "/opt/vc/bin/vcgencmd");

    private final CommandRunner commands;
    private final KernelFileReader reader;
    private final OnceLog onceLog;
    private final Duration vcgencmdTimeout;
    private final Path vcgencmd;
    private final KernelFile sysfsFile;
    private final KernelFile hwmonAlarm;

    public ThrottleReader(SystemRoot root, CommandRunner commands, KernelFileReader reader, OnceLog onceLog,
                          Duration vcgencmdTimeout) {
        this.commands = commands;
        this.reader = reader;
        this.onceLog = onceLog;
        this.vcgencmdTimeout = vcgencmdTimeout;
        this.vcgencmd = VCGENCMD_PATHS.stream().map(root::path).filter(Files::isExecutable).findFirst().orElse(null);
        Path sysfs = root.path("/sys/devices/platform/soc/soc:firmware/get_throttled");
        this.sysfsFile = Files.isRegularFile(sysfs) ? new KernelFile(sysfs) : null;
        Path alarm = findRpiVolt(root.path("/sys/class/hwmon"), reader);
        this.hwmonAlarm = alarm == null ? null : new KernelFile(alarm);
    }

    public Throttled read() {
        if (vcgencmd != null) {
            Integer raw = runVcgencmd();
            if (raw != null) {
                return Throttled.decode(raw);
            }
        }
        if (sysfsFile != null) {
            long raw = reader.readHex(sysfsFile);
            if (raw >= 0 && raw <= 0xffffffffL) {
                return Throttled.decode((int) raw);
            }
            onceLog.warn("throttle-sysfs", "cannot read a hex value from " + sysfsFile);
        }
        if (hwmonAlarm != null) {
            long alarm = reader.readLong(hwmonAlarm, -1);
            if (alarm >= 0) {
                return Throttled.underVoltageOnly(alarm != 0);
            }
            onceLog.warn("throttle-hwmon", "cannot read " + hwmonAlarm);
        }
        onceLog.info("throttle-none", "no throttle source (vcgencmd, sysfs get_throttled, rpi_volt hwmon):"
                + " throttle flags are null");
        return Throttled.unknown();
    }

    @Override
    public void close() {
        if (sysfsFile != null) {
            sysfsFile.close();
        }
        if (hwmonAlarm != null) {
            hwmonAlarm.close();
        }
    }

    private Integer runVcgencmd() {
        try {
            CommandRunner.Result result = commands.run(List.of(vcgencmd.toString(), "get_throttled"), vcgencmdTimeout);
            if (result.timedOut()) {
                onceLog.warn("vcgencmd-timeout", vcgencmd + " get_throttled took longer than " + vcgencmdTimeout);
                return null;
            }
            Matcher m = VCGENCMD_OUTPUT.matcher(result.stdout());
            if (result.exitCode() == 0 && m.matches()) {
                return (int) Long.parseLong(m.group(1), 16);
            }
            onceLog.warn("vcgencmd-output", vcgencmd + " get_throttled exited " + result.exitCode()
                    + " printing '" + result.stdout().strip() + "' " + result.stderr().strip());
        } catch (IOException e) {
            onceLog.warn("vcgencmd-start", "cannot run " + vcgencmd + ": " + e.getMessage());
        }
        return null;
    }

    /** The hwmon device named {@code rpi_volt}; hwmon numbers are fixed for a boot, so look once. */
    private static Path findRpiVolt(Path hwmon, KernelFileReader reader) {
        if (!Files.isDirectory(hwmon)) {
            return null;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(hwmon, "hwmon*")) {
            for (Path dir : dirs) {
                if (reader.load(dir.resolve("name")) && reader.contentEquals("rpi_volt")) {
                    Path alarm = dir.resolve("in0_lcrit_alarm");
                    if (Files.exists(alarm)) {
                        return alarm;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
