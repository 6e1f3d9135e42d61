package dev.zerocluster.core.serial;

import static dev.zerocluster.core.serial.Max3109TransferTest.XTAL_36864;
import static dev.zerocluster.core.serial.Max3109TransferTest.XTAL_4M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Probe, clock, open and close of the driver against the chip model. */
class Max3109Test {

    @Test
    void detectsTheChipAsTheKernelDoes() throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M); Max3109 chip = rig.driver(0, XTAL_4M)) {
            // Extended registers on, RevID at 0x05, extended registers off; then UART 0 reset.
            assertThat(rig.chipA.firstTransactions()).startsWith("9F CE", "05 00", "9F CD", "8A 01", "8A 00", "1C 00");
            assertThat(rig.circuit.violations()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "no chip behind the chip-select (MISO pulled up), 255, 0xFF, all ones",
        "MISO held low, 0, 0x00, all zeros",
    })
    void aMissingChipIsAClearError(String what, int level, String read, String hint) {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M, Map.of(2, new StuckBus(level)))) {
            assertThatThrownBy(() -> rig.driver(2, XTAL_4M))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("No MAX3109 on SPI bus 0 chip-select 2")
                    .hasMessageContaining("revision id read " + read)
                    .hasMessageContaining(hint);
        }
    }

    @Test
    void anotherChipOfTheFamilyIsNamed() {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M)) {
            rig.chipA.revisionId(0xB2);
            assertThatThrownBy(() -> rig.driver(0, XTAL_4M))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("read 0xB2").hasMessageContaining("MAX14830");
        }
    }

    @ParameterizedTest(name = "{0} Hz crystal")
    @CsvSource({"3686400, 0x44, 44236800", "4000000, 0x84, 96000000"})
    void startsTheClockFromTheCrystalThroughThePll(long crystal, String pllcfg, double fRef) throws Exception {
        try (Max3109Rig rig = new Max3109Rig(crystal, crystal); Max3109 chip = rig.driver(0, crystal)) {
            assertThat(rig.chipA.register(0, 0x1A)).isEqualTo(Integer.decode(pllcfg));
            assertThat(rig.chipA.register(0, 0x1E)).isEqualTo(0x16);
            chip.open(1, 115_200);
            assertThat(rig.chipA.baud(1)).isCloseTo(115_200, org.assertj.core.data.Percentage.withPercentage(0.05));
            assertThat(rig.chipA.referenceClockForTest()).isEqualTo(fRef);
        }
    }

    @Test
    void aDeadCrystalIsAClearErrorAfterABoundedWait() {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M)) {
            rig.chipA.crystalDead(true);
            long start = rig.time.nanoTime();
            assertThatThrownBy(() -> rig.driver(0, XTAL_4M))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no stable clock").hasMessageContaining("CLKSRC=0x16");
            assertThat(Duration.ofNanos(rig.time.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void refusesARateNoDivisorReachesWithin2Percent() throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_36864, XTAL_36864); Max3109 chip = rig.driver(0, XTAL_36864)) {
            assertThatThrownBy(() -> chip.open(0, 20_000_000))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("20000000 baud is out of reach").hasMessageContaining("11059200");
            // 7 Mbaud: 44.2368 MHz / 7 MHz = 6.3 -> 4x mode, divisor 1 + 9/16: 7,077,888 baud (+1.1 %).
            chip.open(0, 7_000_000);
            assertThat(rig.chipA.baud(0)).isCloseTo(7_077_888, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void aUartOpensOnceAtATime() throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M); Max3109 chip = rig.driver(0, XTAL_4M)) {
            ByteLink link = chip.open(0, 115_200);
            assertThatThrownBy(() -> chip.open(0, 115_200)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> chip.open(2, 115_200)).isInstanceOf(IllegalArgumentException.class);
            link.close();
            chip.open(0, 9600).close();
            assertThat(rig.circuit.violations()).isEmpty();
        }
    }

    @Test
    void readTimesOutWithZeroAndReturnsMinusOneOnceClosed() throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M); Max3109 chip = rig.driver(0, XTAL_4M)) {
            ByteLink link = chip.open(0, 1_000_000);
            byte[] buf = new byte[16];
            long start = rig.time.nanoTime();
            assertThat(link.read(buf, 0, buf.length, Duration.ofMillis(25))).isZero();
            assertThat(rig.time.nanoTime() - start).isBetween(25_000_000L, 26_000_000L);
            assertThat(link.read(buf, 0, buf.length, Duration.ZERO)).isZero();

            Future<Integer> blocked = rig.time.start("reader", () -> link.read(buf, 0, buf.length, Duration.ofDays(1)));
            Future<Void> closer = rig.time.start("closer", () -> {
                rig.time.parkNanos(Duration.ofMillis(5).toNanos());
                link.close();
                return null;
            });
            rig.time.join(Duration.ofSeconds(30), closer, blocked);
            assertThat(blocked.get()).isEqualTo(-1);
            assertThat(link.read(buf, 0, 1, Duration.ZERO)).isEqualTo(-1);
            assertThatThrownBy(() -> link.write(buf, 0, 1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
            // Closed UARTs sleep again.
            assertThat(rig.chipA.register(0, 0x09) & 0x20).isEqualTo(0x20);
        }
    }

    @Test
    void closeLetsTheTransmitterFinish() throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M);
             Max3109 a = rig.driver(0, XTAL_4M);
             Max3109 b = rig.driver(1, XTAL_4M)) {
            ByteLink linkA = a.open(0, 115_200);
            ByteLink linkB = b.open(0, 115_200);
            byte[] sent = Max3109TransferTest.random(100, 7);
            linkA.write(sent, 0, sent.length);
            linkA.close();
            byte[] got = new byte[100];
            int n = 0;
            while (n < got.length) {
                int r = linkB.read(got, n, got.length - n, Duration.ofMillis(100));
                assertThat(r).isPositive();
                n += r;
            }
            assertThat(got).isEqualTo(sent);
        }
    }
}
