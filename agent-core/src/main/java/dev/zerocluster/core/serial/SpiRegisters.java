package dev.zerocluster.core.serial;

import com.pi4j.io.spi.Spi;
import java.io.IOException;

/**
 * Register and FIFO access to a MAX3109 over one Pi4J SPI device. Every access is exactly one
 * {@link Spi#transfer(byte[], int, byte[], int, int)} call, which the linuxfs provider turns
 * into one {@code SPI_IOC_MESSAGE(1)} ioctl, i.e. one chip-select period: the chip decodes the
 * command byte at the start of a chip-select and would take a second call as a new command.
 * Transfers are serialised because both UARTs share the bus.
 */
final class SpiRegisters {

    private final Spi spi;
    private final String name;
    private final byte[] tx = new byte[2];
    private final byte[] rx = new byte[2];

    SpiRegisters(Spi spi) {
        this.spi = spi;
        this.name = describe(spi);
    }

    String name() {
        return name;
    }

    /** A single register read: [u<<5 | reg, 0]; the value comes back with the second byte. */
    synchronized int read(int uart, int register) throws IOException {
        tx[0] = (byte) command(false, uart, register);
        tx[1] = 0;
        transfer(tx, rx, 2);
        return rx[1] & 0xFF;
    }

    /** A single register write: [0x80 | u<<5 | reg, value]. */
    synchronized void write(int uart, int register, int value) throws IOException {
        tx[0] = (byte) command(true, uart, register);
        tx[1] = (byte) value;
        transfer(tx, rx, 2);
    }

    /**
     * Reads {@code count} words from the RX FIFO in one chip-select: the command byte for RHR,
     * then {@code count} clocks whose MISO bytes are successive FIFO words (no address increment
     * at 0x00, [K] {@code regmap_noinc_read}). {@code txScratch} must be zero from index 1 on;
     * the words land in {@code rxScratch[1..count]}.
     */
    void readFifo(int uart, byte[] txScratch, byte[] rxScratch, int count) throws IOException {
        txScratch[0] = (byte) command(false, uart, Max3109Registers.RHR_THR);
        synchronized (this) {
            transfer(txScratch, rxScratch, count + 1);
        }
    }

    /** Writes {@code txScratch[1..count]} to the TX FIFO in one chip-select. */
    void writeFifo(int uart, byte[] txScratch, byte[] rxScratch, int count) throws IOException {
        txScratch[0] = (byte) command(true, uart, Max3109Registers.RHR_THR);
        synchronized (this) {
            transfer(txScratch, rxScratch, count + 1);
        }
    }

    static int command(boolean write, int uart, int register) {
        return (write ? Max3109Registers.WRITE : 0) | (uart << Max3109Registers.UART_SHIFT) | register;
    }

    private void transfer(byte[] out, byte[] in, int length) throws IOException {
        int result;
        try {
            result = spi.transfer(out, 0, in, 0, length);
        } catch (RuntimeException e) {
            throw new IOException("SPI transfer of " + length + " bytes on " + name + " failed: " + e.getMessage(), e);
        }
        // linuxfs returns the length, or -1 when the ioctl failed; the mock plugin returns 0.
        if (result < 0) {
            throw new IOException("SPI transfer of " + length + " bytes on " + name + " failed");
        }
    }

    private static String describe(Spi spi) {
        try {
            var config = spi.config();
            return "SPI bus " + config.bus().getBus() + " chip-select " + config.chipSelect().getChipSelect();
        } catch (RuntimeException e) {
            return "SPI device " + spi.id();
        }
    }
}
