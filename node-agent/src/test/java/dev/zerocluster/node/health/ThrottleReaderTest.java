package dev.zerocluster.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.Throttled;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.OnceLog;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ThrottleReaderTest {
    @TempDir
    Path root;

    private ThrottleReader reader(Duration timeout) {
        return new ThrottleReader(new SystemRoot(root), new ProcessCommandRunner(), new KernelFileReader(),
                new OnceLog(LoggerFactory.getLogger(ThrottleReaderTest.class)), timeout);
    }

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void vcgencmd(String body) throws IOException {
        write("usr/bin/vcgencmd", "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(root.resolve("usr/bin/vcgencmd"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void vcgencmdComesFirst() throws IOException {
        vcgencmd("echo throttled=0x50005");
        write("sys/devices/platform/soc/soc:firmware/get_throttled", "0\n");
        assertThat(reader(Duration.ofSeconds(5)).read()).isEqualTo(Throttled.decode(0x50005));
    }

    @Test
    void aHangingVcgencmdIsKilledAndTheSysfsFileAnswers() throws IOException {
        vcgencmd("sleep 30");
        write("sys/devices/platform/soc/soc:firmware/get_throttled", "20002\n");
        long start = System.nanoTime();
        Throttled t = reader(Duration.ofMillis(300)).read();
        assertThat(t).isEqualTo(Throttled.decode(0x20002));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void vcgencmdWithoutAccessToTheFirmwareFallsThrough() throws IOException {
        // What vcgencmd prints without permission on /dev/vcio.
        vcgencmd("echo 'VCHI initialization failed' >&2; exit 1");
        write("sys/class/hwmon/hwmon2/name", "rpi_volt\n");
        write("sys/class/hwmon/hwmon2/in0_lcrit_alarm", "0\n");
        assertThat(reader(Duration.ofSeconds(5)).read()).isEqualTo(Throttled.underVoltageOnly(false));
    }

    @Test
    void hwmonIsFoundByNameNotNumber() throws IOException {
        write("sys/class/hwmon/hwmon0/name", "cpu_thermal\n");
        write("sys/class/hwmon/hwmon0/in0_lcrit_alarm", "1\n");
        write("sys/class/hwmon/hwmon3/name", "rpi_volt\n");
        write("sys/class/hwmon/hwmon3/in0_lcrit_alarm", "0\n");
        assertThat(reader(Duration.ofSeconds(5)).read().underVoltage()).isFalse();
    }

    @Test
    void garbageInTheSysfsFileIsNullNotZero() throws IOException {
        write("sys/devices/platform/soc/soc:firmware/get_throttled", "zz\n");
        assertThat(reader(Duration.ofSeconds(5)).read()).isEqualTo(Throttled.unknown());
    }

    @Test
    void noSourceAtAllIsAllNull() {
        Throttled t = reader(Duration.ofSeconds(5)).read();
        assertThat(t.raw()).isNull();
        assertThat(t.underVoltage()).isNull();
        assertThat(t.softTempLimitOccurred()).isNull();
    }
}
