package dev.zerocluster.core.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept-open mode reads what is in the file now, and recovers from files that go and come. */
class KernelFileReaderTest {
    @TempDir
    Path dir;

    @Test
    void aKeptFileIsReadAgainFromTheStartEachTime() throws Exception {
        Path temp = dir.resolve("temp");
        Files.writeString(temp, "48312\n");
        KernelFileReader reader = new KernelFileReader(p -> true);
        assertThat(reader.readLong(temp)).isEqualTo(48312L);
        // Written in place, as the kernel regenerates a sysfs attribute: the open file sees it.
        Files.writeString(temp, "51000\n");
        assertThat(reader.readLong(temp)).isEqualTo(51000L);
        Files.writeString(temp, "7\n");
        assertThat(reader.readLong(temp)).isEqualTo(7L);
        reader.close();
    }

    @Test
    void aFileLargerThanTheBufferIsReadWhole() throws Exception {
        Path big = dir.resolve("meminfo");
        String line = "MemTotal:         440400 kB\n";
        Files.writeString(big, line.repeat(1000) + "MemAvailable:     123 kB\n");
        KernelFileReader reader = new KernelFileReader(p -> true);
        for (int round = 0; round < 2; round++) {
            assertThat(reader.load(big)).isTrue();
            assertThat(reader.length()).isEqualTo((int) Files.size(big));
            int at = reader.findLineStarting("MemAvailable:");
            assertThat(reader.parseLong(reader.skipBlank(at), 10)).isEqualTo(123L);
        }
        reader.close();
    }

    @Test
    void aMissingFileIsFalseAndIsFoundOnceItAppears() throws Exception {
        Path ifindex = dir.resolve("ifindex");
        KernelFileReader reader = new KernelFileReader(p -> true);
        assertThat(reader.readLong(ifindex)).isNull();
        Files.writeString(ifindex, "3\n");
        assertThat(reader.readLong(ifindex)).isEqualTo(3L);
        Files.delete(ifindex);
        // A deleted regular file still reads through its open descriptor (a sysfs file of a removed
        // device answers ENODEV instead); a file replaced by rename is seen after the reopen interval.
        Path next = dir.resolve("ifindex.new");
        Files.writeString(next, "9\n");
        Files.move(next, ifindex, StandardCopyOption.ATOMIC_MOVE);
        Long seen = null;
        for (int i = 0; i <= KernelFileReader.REOPEN_AFTER_LOADS && !Long.valueOf(9).equals(seen); i++) {
            seen = reader.readLong(ifindex);
        }
        assertThat(seen).isEqualTo(9L);
        reader.close();
    }

    @Test
    void aDirectoryIsNotAFile() {
        KernelFileReader reader = new KernelFileReader(p -> true);
        assertThat(reader.load(dir)).isFalse();
        assertThat(reader.length()).isZero();
        reader.close();
    }

    @Test
    void theDefaultReaderKeepsNothingOpenAndReadsTheSame() throws Exception {
        Path f = dir.resolve("loadavg");
        Files.writeString(f, "0.08 0.03 0.01 1/123 456\n");
        KernelFileReader reader = new KernelFileReader();
        assertThat(reader.load(f)).isTrue();
        assertThat(reader.parseDecimal(reader.skipBlank(0))).isEqualTo(0.08);
    }
}
