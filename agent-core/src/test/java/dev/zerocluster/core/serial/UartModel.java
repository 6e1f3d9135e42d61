package dev.zerocluster.core.serial;

/**
 * One UART of the MAX3109 model: its register file, its two 128-word FIFOs, a transmitter that
 * puts words on its {@link SerialLine} at the programmed rate, and a receiver that samples the
 * line it is wired to at its own rate.
 *
 * <p>Register semantics (datasheet p.1; [K] = Linux {@code max310x.c}, which marks ISR, LSR,
 * SPCHR_IRQSTS, STS_IRQSTS, TXFIFOLVL and RXFIFOLVL not writeable and ISR, SPCHR_IRQSTS,
 * STS_IRQSTS clear-on-read):
 * <ul>
 * <li>ISR events latch when they happen and clear when ISR is read: RX FIFO empty (with
 *     MODE2.RxEmtyInv: "no longer empty"), TX FIFO empty, RX FIFO at its trigger level, an LSR
 *     error enabled in LSR_IRQEN, a status interrupt enabled in STS_IRQEN.</li>
 * <li>LSR error bits (overrun, parity, framing, break, noise) latch as words arrive and clear
 *     when LSR is read ([K] names the register LSR_IRQSTS). An overrun keeps the FIFO's 128 words
 *     and loses the new one ([K] max310x_handle_rx: "the RxFIFO overflow happens after it is
 *     pushed to the FIFO tail").</li>
 * <li>BRGDIVLSB resets to 0x01 ([K] probe waits for it). MODE2.RST resets the UART's registers;
 *     MODE2.FIFORst empties both FIFOs.</li>
 * </ul>
 */
final class UartModel {

    static final int RHR_THR = 0x00;
    static final int IRQEN = 0x01;
    static final int ISR = 0x02;
    static final int LSR_IRQEN = 0x03;
    static final int LSR = 0x04;
    static final int SPCHR_IRQEN = 0x05;
    static final int SPCHR_IRQSTS = 0x06;
    static final int STS_IRQEN = 0x07;
    static final int STS_IRQSTS = 0x08;
    static final int MODE1 = 0x09;
    static final int MODE2 = 0x0A;
    static final int LCR = 0x0B;
    static final int FIFOTRIGLVL = 0x10;
    static final int TXFIFOLVL = 0x11;
    static final int RXFIFOLVL = 0x12;
    static final int BRGCFG = 0x1B;
    static final int BRGDIVLSB = 0x1C;
    static final int BRGDIVMSB = 0x1D;

    static final int ISR_LSR = 1;
    static final int ISR_STS = 1 << 2;
    static final int ISR_RX_TRIGGER = 1 << 3;
    static final int ISR_TX_EMPTY = 1 << 5;
    static final int ISR_RX_EMPTY = 1 << 6;

    static final int LSR_OVERRUN = 1 << 1;
    static final int LSR_PARITY = 1 << 2;
    static final int LSR_FRAMING = 1 << 3;
    static final int LSR_BREAK = 1 << 4;
    static final int LSR_NOISE = 1 << 5;

    static final int STS_CLOCK_READY = 1 << 5;

    private static final int MODE1_RX_DISABLE = 1;
    private static final int MODE1_TX_DISABLE = 1 << 1;
    private static final int MODE1_FORCE_SLEEP = 1 << 5;
    private static final int MODE2_RESET = 1;
    private static final int MODE2_FIFO_RESET = 1 << 1;
    private static final int MODE2_RX_EMPTY_INV = 1 << 3;
    private static final int LCR_TX_BREAK = 1 << 6;

    final int index;
    final SerialLine out = new SerialLine();
    private final Max3109Model chip;
    private final int[] registers = new int[32];
    private final WordFifo tx = new WordFifo();
    private final WordFifo rx = new WordFifo();
    private SerialLine in;
    private int isr;
    private int lsr;
    private int sts;
    private double txFreeAt;
    private double rxArmedAt;
    private double rxPendingUntil = Double.NaN;
    private long wordsSent;
    private long wordsReceived;
    private long wordsLost;
    private final int[] levels = new int[12]; // receiver scratch: start, up to 8 data, parity, stop

    UartModel(Max3109Model chip, int index) {
        this.chip = chip;
        this.index = index;
        reset();
    }

    /** Wires this UART's receiver to {@code line}. */
    void listenTo(SerialLine line) {
        this.in = line;
    }

    void reset() {
        java.util.Arrays.fill(registers, 0);
        registers[BRGDIVLSB] = 0x01;
        tx.clear();
        rx.clear();
        isr = 0;
        lsr = 0;
        sts = 0;
    }

    long wordsSent() {
        return wordsSent;
    }

    long wordsReceived() {
        return wordsReceived;
    }

    /** Words that arrived on a full RX FIFO. */
    long wordsLost() {
        return wordsLost;
    }

    int txLevel() {
        return tx.size();
    }

    int rxLevel() {
        return rx.size();
    }

    int register(int address) {
        return registers[address];
    }

    /** The interrupt this UART asserts on the IRQ pin: pending events it has enabled. */
    int pendingInterrupts() {
        return isr & registers[IRQEN];
    }

    /** The clock became ready: STS_IRQSTS.ClockReady latches until read. */
    void clockReady() {
        sts |= STS_CLOCK_READY;
        if ((registers[STS_IRQEN] & STS_CLOCK_READY) != 0) {
            isr |= ISR_STS;
        }
    }

    // ---- register access ------------------------------------------------------------------

    int read(int address) {
        switch (address) {
            case ISR -> {
                int value = isr;
                isr = 0;
                return value;
            }
            case LSR -> {
                int value = lsr; // RxTimeout (bit 0) needs RXTO, which the driver leaves 0; CTS (bit 7) is unwired
                lsr = 0;
                return value;
            }
            case SPCHR_IRQSTS -> {
                return 0; // special-character detection is off (MODE2.SpecialChr = 0)
            }
            case STS_IRQSTS -> {
                int value = sts;
                sts = 0;
                return value;
            }
            case TXFIFOLVL -> {
                return tx.size();
            }
            case RXFIFOLVL -> {
                return rx.size();
            }
            default -> {
                return registers[address];
            }
        }
    }

    /** A write to a register other than the FIFO; the chip has checked it is writeable. */
    void write(int address, int value, double now) {
        switch (address) {
            case MODE2 -> {
                if ((value & MODE2_RESET) != 0) {
                    reset();
                    chip.uartReset(index);
                }
                if ((value & MODE2_FIFO_RESET) != 0) {
                    tx.clear();
                    rx.clear();
                }
                registers[MODE2] = value;
            }
            case MODE1 -> {
                registers[MODE1] = value;
                txFreeAt = Math.max(txFreeAt, now);
            }
            default -> registers[address] = value;
        }
    }

    int txFree() {
        return tx.free();
    }

    void pushTx(int word, double now) {
        if (tx.isEmpty()) {
            // An idle transmitter starts the word now.
            txFreeAt = Math.max(txFreeAt, now);
        }
        tx.push(word);
    }

    int popRx() {
        int word = rx.pop();
        if (rx.isEmpty() && (registers[MODE2] & MODE2_RX_EMPTY_INV) == 0) {
            isr |= ISR_RX_EMPTY;
        }
        return word;
    }

    // ---- the line ---------------------------------------------------------------------------

    /** The rate the baud-rate generator gives, or 0 when the UART cannot run. */
    double baud() {
        double fRef = chip.referenceHz();
        int divisor = (registers[BRGDIVMSB] << 8) | registers[BRGDIVLSB];
        if (fRef <= 0 || divisor == 0) {
            return 0;
        }
        int brgcfg = registers[BRGCFG];
        int oversampling = (brgcfg & 0x20) != 0 ? 4 : (brgcfg & 0x10) != 0 ? 8 : 16;
        return 16 * fRef / (oversampling * (16.0 * divisor + (brgcfg & 0x0F)));
    }

    private boolean running() {
        return (registers[MODE1] & MODE1_FORCE_SLEEP) == 0 && (registers[MODE2] & MODE2_RESET) == 0 && baud() > 0;
    }

    private int dataBits() {
        return 5 + (registers[LCR] & 0x03);
    }

    private boolean parityEnabled() {
        return (registers[LCR] & 0x08) != 0;
    }

    private boolean evenParity() {
        return (registers[LCR] & 0x10) != 0;
    }

    private int stopBits() {
        return (registers[LCR] & 0x04) != 0 ? 2 : 1;
    }

    /** Moves words from the TX FIFO onto the line, each when the previous one has gone out. */
    void transmit(double horizon) {
        boolean canSend = running() && (registers[MODE1] & MODE1_TX_DISABLE) == 0
                && (registers[LCR] & LCR_TX_BREAK) == 0;
        if (!canSend) {
            txFreeAt = Math.max(txFreeAt, horizon);
            return;
        }
        while (!tx.isEmpty() && txFreeAt <= horizon) {
            int word = tx.pop();
            if (tx.isEmpty()) {
                isr |= ISR_TX_EMPTY;
            }
            int data = dataBits();
            int pattern = (word & ((1 << data) - 1)) << 1; // start bit 0, data LSB first
            int bits = 1 + data;
            if (parityEnabled()) {
                int ones = Integer.bitCount(word & ((1 << data) - 1));
                int parity = evenParity() ? ones & 1 : (ones + 1) & 1;
                pattern |= parity << bits;
                bits++;
            }
            for (int s = 0; s < stopBits(); s++) {
                pattern |= 1 << bits;
                bits++;
            }
            double bitNanos = 1e9 / baud();
            out.add(new SerialLine.Frame(txFreeAt, bitNanos, bits, pattern));
            txFreeAt += bits * bitNanos;
            wordsSent++;
        }
    }

    /**
     * Samples the line for words whose stop bit lies before {@code horizon}: start on the first
     * low level after the receiver re-armed, then one sample in the middle of each bit at this
     * UART's own rate.
     */
    void receive(double horizon) {
        rxPendingUntil = Double.NaN;
        boolean canReceive = in != null && running() && (registers[MODE1] & MODE1_RX_DISABLE) == 0;
        if (!canReceive) {
            rxArmedAt = Math.max(rxArmedAt, horizon);
            if (in != null) {
                in.nextLowAtOrAfter(rxArmedAt); // what went by meanwhile is lost
            }
            return;
        }
        double bitNanos = 1e9 / baud();
        int data = dataBits();
        boolean parity = parityEnabled();
        int sampled = 1 + data + (parity ? 1 : 0) + 1; // the receiver checks the first stop bit
        while (true) {
            double start = in.nextLowAtOrAfter(rxArmedAt);
            if (Double.isNaN(start)) {
                return;
            }
            double last = start + (sampled - 0.5) * bitNanos;
            if (last > horizon) {
                rxPendingUntil = last;
                return;
            }
            boolean noise = false;
            for (int bit = 0; bit < sampled; bit++) {
                int level = in.levelAt(start + (bit + 0.5) * bitNanos);
                if (level == SerialLine.UNCERTAIN) {
                    noise = true;
                    level = chip.randomBit();
                }
                levels[bit] = level;
                if (bit == 0 && level == 1) {
                    break; // a glitch, not a start bit
                }
            }
            if (levels[0] == 1) {
                rxArmedAt = start + 0.5 * bitNanos;
                continue;
            }
            int word = 0;
            for (int bit = 0; bit < data; bit++) {
                word |= levels[1 + bit] << bit;
            }
            int errors = noise ? LSR_NOISE : 0;
            boolean allLow = word == 0;
            if (parity) {
                int ones = Integer.bitCount(word) + levels[1 + data];
                boolean ok = evenParity() ? (ones & 1) == 0 : (ones & 1) == 1;
                allLow &= levels[1 + data] == 0;
                if (!ok) {
                    errors |= LSR_PARITY;
                }
            }
            if (levels[sampled - 1] == 0) {
                errors |= allLow ? LSR_BREAK : LSR_FRAMING;
            }
            rxArmedAt = last;
            deliver(word, errors);
        }
    }

    /** When this UART's state may next change by itself (a word leaving or arriving), or NaN. */
    double nextActivity() {
        double next = Double.NaN;
        if (!tx.isEmpty() && running()) {
            next = txFreeAt;
        }
        if (!Double.isNaN(rxPendingUntil) && (Double.isNaN(next) || rxPendingUntil < next)) {
            next = rxPendingUntil;
        }
        return next;
    }

    private void deliver(int word, int errors) {
        if (rx.size() == WordFifo.CAPACITY) {
            errors |= LSR_OVERRUN;
            wordsLost++;
        } else {
            boolean wasEmpty = rx.isEmpty();
            rx.push(word);
            wordsReceived++;
            if (wasEmpty && (registers[MODE2] & MODE2_RX_EMPTY_INV) != 0) {
                isr |= ISR_RX_EMPTY;
            }
            int trigger = (registers[FIFOTRIGLVL] >> 4) * 8;
            if (trigger > 0 && rx.size() == trigger) {
                isr |= ISR_RX_TRIGGER;
            }
        }
        if (errors != 0) {
            lsr |= errors;
            if ((errors & registers[LSR_IRQEN]) != 0) {
                isr |= ISR_LSR;
            }
        }
    }
}
