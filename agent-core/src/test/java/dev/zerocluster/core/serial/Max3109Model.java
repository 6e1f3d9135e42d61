package dev.zerocluster.core.serial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A MAX3109 as its SPI master sees it, for tests: two {@link UartModel}s, the global clock
 * registers, revision id detection, the IRQ output, and the SPI framing of datasheet p.1 and
 * [K] {@code max310x.c}: command byte {@code W/R | 0 | UART | A4..A0}, one register access per
 * chip-select, or one FIFO burst at address 0x00 whose every byte is a FIFO word.
 *
 * <p>A transaction the chip would not accept, or whose effect no source documents, fails the
 * test (an {@link AssertionError} thrown into the driver's thread, and kept in
 * {@link #violations()}): a lone command byte, bit 6 set, a write to a read-only register, a
 * burst at any address but 0x00 (auto-increment there is undocumented), a TX burst larger than
 * the free FIFO space or an RX burst larger than the FIFO level (data lost or garbage read),
 * the global registers (PLLCFG, CLKSRC, GLOBALCMD) written through UART 1, an unknown global
 * command, and 2x and 4x mode at once. The MISO byte clocked with the command byte is
 * undocumented, so the model sends noise there.
 *
 * <p>Like Pi4J's {@code MockSpi}, it records what it was asked: transactions, bytes clocked,
 * FIFO bursts and the first transactions in hex.
 */
public final class Max3109Model implements SpiDevice {

    static final int DEFAULT_REVISION_ID = 0xC1;
    static final int FIRST_TRANSACTIONS_KEPT = 512;

    private static final int PLLCFG = 0x1A;
    private static final int CLKSRC = 0x1E;
    private static final int GLOBAL = 0x1F;
    private static final int SPCHR_IRQEN_OR_REVID = 0x05;
    private static final int[] PLL_FACTORS = {6, 48, 96, 144};
    private static final long[] PLL_MIN_INPUT_HZ = {500_000, 850_000, 425_000, 390_000};
    private static final long[] PLL_MAX_INPUT_HZ = {800_000, 1_200_000, 1_000_000, 667_000};
    private static final double MAX_REFERENCE_HZ = 96e6;

    private final Circuit circuit;
    private final String name;
    private final long crystalHz;
    private final UartModel[] uarts = {null, null};
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> firstTransactions = new ArrayList<>();
    private int revisionId = DEFAULT_REVISION_ID;
    private long crystalStartupNanos = 3_000_000;
    private boolean crystalDead;
    private int pllcfg;
    private int clksrc;
    private double referenceHz;
    private long clockReadyAt = Long.MAX_VALUE;
    private boolean clockReadySignalled;
    private boolean extendedRegisters;
    private IrqPin irqPin;
    private long transactions;
    private long bytesClocked;
    private long fifoBursts;
    private long fifoWords;
    private long modelNanos;

    Max3109Model(Circuit circuit, String name, long crystalHz) {
        this.circuit = circuit;
        this.name = name;
        this.crystalHz = crystalHz;
        uarts[0] = new UartModel(this, 0);
        uarts[1] = new UartModel(this, 1);
        resetGlobal();
    }

    public String name() {
        return name;
    }

    UartModel uart(int index) {
        return uarts[index];
    }

    // ---- knobs ------------------------------------------------------------------------------

    void revisionId(int value) {
        synchronized (circuit) {
            revisionId = value;
        }
    }

    /** A crystal that never oscillates: ClockReady never comes. */
    void crystalDead(boolean dead) {
        synchronized (circuit) {
            crystalDead = dead;
        }
    }

    void attachIrq(IrqPin pin) {
        synchronized (circuit) {
            irqPin = pin;
            updatePin();
        }
    }

    // ---- what it recorded ------------------------------------------------------------------

    public long transactions() {
        synchronized (circuit) {
            return transactions;
        }
    }

    public long bytesClocked() {
        synchronized (circuit) {
            return bytesClocked;
        }
    }

    /** Real time spent inside this model's transactions (simulating the chip and the cable). */
    public long modelNanos() {
        synchronized (circuit) {
            return modelNanos;
        }
    }

    public long fifoBursts() {
        synchronized (circuit) {
            return fifoBursts;
        }
    }

    public long fifoWords() {
        synchronized (circuit) {
            return fifoWords;
        }
    }

    /** The first {@value #FIRST_TRANSACTIONS_KEPT} transactions as hex, e.g. {@code "9F CE"}. */
    List<String> firstTransactions() {
        synchronized (circuit) {
            return List.copyOf(firstTransactions);
        }
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public long wordsLost(int uart) {
        synchronized (circuit) {
            return uarts[uart].wordsLost();
        }
    }

    /** The rate UART {@code uart} runs at now, 0 if it cannot run. */
    public double baud(int uart) {
        synchronized (circuit) {
            return uarts[uart].baud();
        }
    }

    /** fREF as the clock registers set it (0 while the clock is not running). */
    double referenceClockForTest() {
        synchronized (circuit) {
            return referenceHz();
        }
    }

    int register(int uart, int address) {
        synchronized (circuit) {
            return switch (address) {
                case PLLCFG -> pllcfg;
                case CLKSRC -> clksrc;
                default -> uarts[uart].register(address);
            };
        }
    }

    // ---- SPI ----------------------------------------------------------------------------------

    @Override
    public void exchange(byte[] mosi, int mosiOffset, byte[] miso, int misoOffset, int length) {
        synchronized (circuit) {
            long started = System.nanoTime();
            try {
                transaction(mosi, mosiOffset, miso, misoOffset, length);
            } finally {
                modelNanos += System.nanoTime() - started;
            }
        }
    }

    private void transaction(byte[] mosi, int mosiOffset, byte[] miso, int misoOffset, int length) {
        circuit.advanceTo(circuit.time().nanoTime());
        transactions++;
        bytesClocked += length;
        if (firstTransactions.size() < FIRST_TRANSACTIONS_KEPT) {
            firstTransactions.add(hex(mosi, mosiOffset, Math.min(length, 8)) + (length > 8 ? " …" : ""));
        }
        if (length < 2) {
            violation("a transaction of %d byte(s): a command byte needs at least one data byte", length);
        }
        int command = mosi[mosiOffset] & 0xFF;
        boolean write = (command & 0x80) != 0;
        int u = (command >> 5) & 1;
        int address = command & 0x1F;
        if ((command & 0x40) != 0) {
            violation("command byte 0x%02X has bit 6 set; the MAX3109 keeps it 0 (it selects UARTs on the MAX14830)",
                    command);
        }
        miso[misoOffset] = (byte) circuit.randomByte();
        UartModel uart = uarts[u];
        double now = circuit.time().nanoTime();
        if (address == UartModel.RHR_THR) {
            fifo(uart, write, mosi, mosiOffset + 1, miso, misoOffset + 1, length - 1, now);
        } else {
            if (length > 2) {
                violation("a %d-byte burst at register 0x%02X of UART %d: only the FIFO (0x00) is burst,"
                        + " auto-increment elsewhere is undocumented", length, address, u);
            }
            if (write) {
                writeRegister(uart, address, mosi[mosiOffset + 1] & 0xFF, now);
                miso[misoOffset + 1] = (byte) circuit.randomByte();
            } else {
                miso[misoOffset + 1] = (byte) readRegister(uart, address);
            }
        }
        circuit.afterChange();
    }

    private void fifo(UartModel uart, boolean write, byte[] mosi, int mosiOffset, byte[] miso, int misoOffset,
                      int words, double now) {
        fifoBursts++;
        fifoWords += words;
        if (write) {
            if (words > uart.txFree()) {
                violation("a %d-word write to the TX FIFO of UART %d with %d words free: the chip drops the rest",
                        words, uart.index, uart.txFree());
            }
            for (int i = 0; i < words; i++) {
                uart.pushTx(mosi[mosiOffset + i] & 0xFF, now);
                miso[misoOffset + i] = (byte) circuit.randomByte();
            }
        } else {
            if (words > uart.rxLevel()) {
                violation("a %d-word read from the RX FIFO of UART %d holding %d words: the rest would be garbage",
                        words, uart.index, uart.rxLevel());
            }
            for (int i = 0; i < words; i++) {
                miso[misoOffset + i] = (byte) uart.popRx();
            }
        }
    }

    private int readRegister(UartModel uart, int address) {
        return switch (address) {
            case SPCHR_IRQEN_OR_REVID -> extendedRegisters ? revisionId : uart.read(address);
            case PLLCFG -> pllcfg;
            case CLKSRC -> clksrc;
            case GLOBAL -> {
                int pending = 0;
                for (UartModel each : uarts) {
                    if (each.pendingInterrupts() != 0) {
                        pending |= 1 << each.index;
                    }
                }
                yield 0xFF & ~pending; // GLOBALIRQ: a UART's bit is low while it interrupts
            }
            default -> uart.read(address);
        };
    }

    private void writeRegister(UartModel uart, int address, int value, double now) {
        switch (address) {
            case UartModel.ISR, UartModel.LSR, UartModel.SPCHR_IRQSTS, UartModel.STS_IRQSTS,
                 UartModel.TXFIFOLVL, UartModel.RXFIFOLVL ->
                    violation("write of 0x%02X to read-only register 0x%02X of UART %d", value, address, uart.index);
            case SPCHR_IRQEN_OR_REVID -> {
                if (extendedRegisters) {
                    violation("write of 0x%02X to the revision id (0x05 with extended registers on)", value);
                }
                uart.write(address, value, now);
            }
            case PLLCFG, CLKSRC -> {
                if (uart.index != 0) {
                    violation("write of 0x%02X to global register 0x%02X through UART 1; [K] writes it through UART 0"
                            + " and what UART 1's copy does is undocumented", value, address);
                }
                if (address == PLLCFG) {
                    pllcfg = value;
                } else {
                    clksrc = value;
                }
                startClock();
            }
            case GLOBAL -> {
                if (uart.index != 0) {
                    violation("GLOBALCMD 0x%02X written through UART 1", value);
                }
                if (value == 0xCE) {
                    extendedRegisters = true;
                } else if (value == 0xCD) {
                    extendedRegisters = false;
                } else {
                    violation("unknown GLOBALCMD 0x%02X (0xCE and 0xCD switch the extended registers)", value);
                }
            }
            case UartModel.BRGCFG -> {
                if ((value & 0x30) == 0x30) {
                    violation("BRGCFG 0x%02X sets 2x and 4x mode at once", value);
                }
                uart.write(address, value, now);
            }
            default -> uart.write(address, value, now);
        }
    }

    // ---- clock ------------------------------------------------------------------------------

    int randomBit() {
        return circuit.randomBit();
    }

    /** MODE2.RST of UART 0 also resets the global registers it carries. */
    void uartReset(int index) {
        if (index == 0) {
            resetGlobal();
        }
    }

    private void resetGlobal() {
        pllcfg = 0x01;
        clksrc = 0x18; // ClockEn | PLLBypass ([K] max3108_detect checks this reset value)
        extendedRegisters = false;
        referenceHz = 0;
        clockReadyAt = Long.MAX_VALUE;
        clockReadySignalled = false;
    }

    /**
     * CLKSRC (or PLLCFG) changed: the clock restarts. Only a crystal is on this board, so without
     * CrystalEn there is no clock; a PLL whose input or output is out of range never locks.
     */
    private void startClock() {
        referenceHz = 0;
        clockReadyAt = Long.MAX_VALUE;
        clockReadySignalled = false;
        boolean enabled = (clksrc & 0x10) != 0 && (clksrc & 0x02) != 0;
        if (!enabled || crystalDead) {
            return;
        }
        double f;
        if ((clksrc & 0x08) != 0) {
            f = crystalHz;
        } else if ((clksrc & 0x04) != 0) {
            int predivider = pllcfg & 0x3F;
            int factor = pllcfg >> 6;
            if (predivider == 0) {
                return;
            }
            double input = (double) crystalHz / predivider;
            f = input * PLL_FACTORS[factor];
            if (input < PLL_MIN_INPUT_HZ[factor] || input > PLL_MAX_INPUT_HZ[factor] || f > MAX_REFERENCE_HZ) {
                return;
            }
        } else {
            return;
        }
        referenceHz = f;
        clockReadyAt = circuit.time().nanoTime() + crystalStartupNanos;
    }

    /** fREF while the clock runs, else 0. */
    double referenceHz() {
        return clockReadySignalled ? referenceHz : 0;
    }

    void advanceClock(long now) {
        if (!clockReadySignalled && now >= clockReadyAt) {
            clockReadySignalled = true;
            for (UartModel uart : uarts) {
                uart.clockReady();
            }
        }
    }

    long clockReadyAt() {
        return clockReadySignalled ? Long.MAX_VALUE : clockReadyAt;
    }

    boolean interruptsEnabled() {
        return uarts[0].register(UartModel.IRQEN) != 0 || uarts[1].register(UartModel.IRQEN) != 0;
    }

    boolean hasIrqPin() {
        return irqPin != null;
    }

    boolean irqAsserted() {
        return uarts[0].pendingInterrupts() != 0 || uarts[1].pendingInterrupts() != 0;
    }

    void updatePin() {
        if (irqPin != null) {
            irqPin.drive(irqAsserted());
        }
    }

    private void violation(String format, Object... args) {
        String message = name + ": " + String.format(Locale.ROOT, format, args);
        violations.add(message);
        throw new AssertionError(message);
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format(Locale.ROOT, "%02X", bytes[offset + i] & 0xFF));
        }
        return s.toString();
    }
}
