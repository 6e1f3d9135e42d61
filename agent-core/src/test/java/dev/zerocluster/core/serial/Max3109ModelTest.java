package dev.zerocluster.core.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chip model on its own, driven by raw SPI transactions: is it the chip the datasheet describes? */
class Max3109ModelTest {

    private Max3109Rig rig;
    private Max3109Model chip;

    @BeforeEach
    void setUp() {
        rig = new Max3109Rig(4_000_000, 4_000_000);
        chip = rig.chipA;
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void resetValuesAreTheDatasheetsAndTheKernels() {
        assertThat(read(0, 0x1C)).isEqualTo(0x01); // BRGDIVLSB
        assertThat(read(1, 0x1C)).isEqualTo(0x01);
        assertThat(read(0, 0x1E)).isEqualTo(0x18); // CLKSRC: ClockEn | PLLBypass
        assertThat(read(0, 0x1A)).isEqualTo(0x01); // PLLCFG
        assertThat(read(0, 0x11)).isZero();
        assertThat(read(0, 0x12)).isZero();
        assertThat(read(0, 0x1F)).isEqualTo(0xFF); // GLOBALIRQ: nothing pending
    }

    @Test
    void theRevisionIdAnswersOnlyWhileTheExtendedRegistersAreOn() {
        write(0, 0x05, 0x12); // SPCHR_IRQEN
        assertThat(read(0, 0x05)).isEqualTo(0x12);
        write(0, 0x1F, 0xCE);
        assertThat(read(0, 0x05)).isEqualTo(Max3109Model.DEFAULT_REVISION_ID);
        write(0, 0x1F, 0xCD);
        assertThat(read(0, 0x05)).isEqualTo(0x12);
    }

    @Test
    void registersAreKeptPerUart() {
        write(1, 0x0B, 0x03);
        write(0, 0x0B, 0x1B);
        assertThat(read(1, 0x0B)).isEqualTo(0x03);
        assertThat(read(0, 0x0B)).isEqualTo(0x1B);
    }

    @ParameterizedTest(name = "register 0x{0}")
    @ValueSource(ints = {0x02, 0x04, 0x06, 0x08, 0x11, 0x12})
    void aWriteToAReadOnlyRegisterFailsTheTest(int register) {
        assertThatThrownBy(() -> write(0, register, 0))
                .isInstanceOf(AssertionError.class).hasMessageContaining("read-only");
        assertThat(chip.violations()).hasSize(1);
    }

    @Test
    void malformedTransactionsFailTheTest() {
        assertThatThrownBy(() -> exchange(new byte[] {0x0B})).hasMessageContaining("at least one data byte");
        assertThatThrownBy(() -> exchange(new byte[] {0x4B, 0})).hasMessageContaining("bit 6");
        assertThatThrownBy(() -> exchange(new byte[] {0x09, 0, 0})).hasMessageContaining("burst at register 0x09");
        assertThatThrownBy(() -> write(1, 0x1E, 0x16)).hasMessageContaining("through UART 1");
        assertThatThrownBy(() -> write(0, 0x1F, 0x55)).hasMessageContaining("unknown GLOBALCMD");
        assertThatThrownBy(() -> write(0, 0x1B, 0x30)).hasMessageContaining("2x and 4x");
        assertThatThrownBy(() -> exchange(new byte[] {0x00, 0})).hasMessageContaining("RX FIFO of UART 0 holding 0");
        byte[] tooMuch = new byte[130];
        tooMuch[0] = (byte) 0x80;
        assertThatThrownBy(() -> exchange(tooMuch)).hasMessageContaining("129-word write to the TX FIFO");
        assertThat(chip.violations()).hasSize(8);
    }

    @Test
    void theTransmitterDrainsAtTheProgrammedRate() {
        startClockAt115200(0);
        byte[] burst = new byte[101];
        burst[0] = (byte) 0x80;
        exchange(burst);
        assertThat(read(0, 0x11)).isEqualTo(99); // the first word went straight to the shift register
        // fREF 96 MHz, DIV 52, FRACT 1: 115,246 baud, 86.77 us a word.
        rig.time.parkNanos(86_780L * 50); // 50 more words have started
        assertThat(read(0, 0x11)).isEqualTo(49);
        assertThat(chip.baud(0)).isBetween(115_245.0, 115_247.0);
        rig.time.parkNanos(86_770L * 60);
        assertThat(read(0, 0x11)).isZero();
    }

    @Test
    void wordsCrossTheCableAndStatusRegistersClearOnRead() {
        startClockAt115200(0);
        startClockAt115200OnChipB();
        write(0, 0x01, 0x20); // IRQEN: TX empty
        exchange(new byte[] {(byte) 0x80, 0x41, 0x42});
        rig.time.parkNanos(1_000_000);
        assertThat(readB(0x12)).isEqualTo(2); // RXFIFOLVL
        byte[] rx = new byte[3];
        rig.chipB.exchange(new byte[] {0x00, 0, 0}, 0, rx, 0, 3);
        assertThat(rx[1]).isEqualTo((byte) 0x41);
        assertThat(rx[2]).isEqualTo((byte) 0x42);
        assertThat(read(0, 0x1F) & 1).isZero();    // UART 0 interrupts (TX empty)
        assertThat(read(0, 0x02) & 0x20).isEqualTo(0x20);
        assertThat(read(0, 0x02)).isZero();        // ISR is clear-on-read
        assertThat(read(0, 0x1F)).isEqualTo(0xFF);
        assertThat(readB(0x04)).isZero();          // no line errors
    }

    @Test
    void anOverrunKeepsTheFifoAndLatchesInLsrUntilRead() {
        startClockAt115200(0);
        startClockAt115200OnChipB();
        byte[] burst = new byte[129];
        burst[0] = (byte) 0x80;
        exchange(burst);
        rig.time.parkNanos(15_000_000); // 128 words: 11.1 ms
        burst = new byte[11];
        burst[0] = (byte) 0x80;
        exchange(burst);
        rig.time.parkNanos(2_000_000);
        assertThat(readB(0x12)).isEqualTo(128);
        assertThat(readB(0x04) & 0x02).isEqualTo(0x02);
        assertThat(readB(0x04)).isZero();
        assertThat(rig.chipB.wordsLost(0)).isEqualTo(10);
    }

    private void startClockAt115200(int uart) {
        write(0, 0x1A, 0x84);
        write(0, 0x1E, 0x16);
        rig.time.parkNanos(5_000_000);
        assertThat(read(0, 0x08) & 0x20).isEqualTo(0x20); // ClockReady
        assertThat(read(0, 0x08)).isZero();                 // clear-on-read
        write(uart, 0x0B, 0x03);
        write(uart, 0x1D, 0);
        write(uart, 0x1C, 52);
        write(uart, 0x1B, 1);
    }

    private void startClockAt115200OnChipB() {
        int[][] writes = {{0x1A, 0x84}, {0x1E, 0x16}, {0x0B, 0x03}, {0x1D, 0}, {0x1C, 52}, {0x1B, 1}};
        for (int[] w : writes) {
            rig.chipB.exchange(new byte[] {(byte) (0x80 | w[0]), (byte) w[1]}, 0, new byte[2], 0, 2);
        }
        rig.time.parkNanos(5_000_000);
    }

    private int readB(int register) {
        byte[] in = new byte[2];
        rig.chipB.exchange(new byte[] {(byte) register, 0}, 0, in, 0, 2);
        return in[1] & 0xFF;
    }

    private int read(int uart, int register) {
        return exchange(new byte[] {(byte) (uart << 5 | register), 0})[1] & 0xFF;
    }

    private void write(int uart, int register, int value) {
        exchange(new byte[] {(byte) (0x80 | uart << 5 | register), (byte) value});
    }

    private byte[] exchange(byte[] mosi) {
        byte[] miso = new byte[mosi.length];
        chip.exchange(mosi, 0, miso, 0, mosi.length);
        return miso;
    }
}
