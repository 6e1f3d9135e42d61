package dev.zerocluster.core.serial;

import static dev.zerocluster.core.serial.Max3109Registers.*;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.spi.Spi;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A MAX3109 dual UART on a Pi4J SPI device (mode 0, up to 26 MHz).
 *
 * <p>The constructor does what the Linux driver's probe does ([K] {@code max310x_probe}):
 * detect the chip by its revision id, reset both UARTs, start the reference clock from the
 * crystal (through the PLL where that gives better rates) and wait, bounded, for ClockReady.
 * {@link #open} then gives one UART as a {@link ByteLink}. Readers and writers do the SPI work
 * in their own threads, one burst per chip-select; without an IRQ line a waiting reader polls
 * the RX FIFO level every 96 word-times, so a burst arriving while idle is read before the
 * 128-word FIFO can overflow. See {@code docs/max3109.md}.
 *
 * <p>The caller owns the {@link Spi} and the IRQ input: {@link #close} leaves them open.
 */
public final class Max3109 implements Closeable {

    static final int UARTS = 2;

    /** [K]: 20 tries 10 ms apart, both for a UART leaving reset and for the crystal. */
    private static final int STARTUP_TRIES = 20;
    private static final long STARTUP_RETRY_NANOS = Duration.ofMillis(10).toNanos();
    /** [K] {@code max310x_power}: 50 ms after leaving sleep before the UART is used. */
    private static final long WAKE_NANOS = Duration.ofMillis(50).toNanos();

    private final SpiRegisters registers;
    private final ReferenceClock clock;
    private final TimeSource time;
    private final DigitalInput irq;
    private final Wakeups wakeups;
    private final Max3109Link[] links = new Max3109Link[UARTS];
    private final LineErrorCounter[] errors = new LineErrorCounter[UARTS];
    private boolean closed;

    /**
     * Finds the chip (revision id), resets both UARTs, starts the clock from a crystal of
     * crystalHz (PLL as needed); no interrupt line: the driver polls.
     */
    public Max3109(Spi spi, long crystalHz) throws IOException {
        this(spi, crystalHz, null, SystemTimeSource.INSTANCE);
    }

    /** The same, woken by the chip's active-low IRQ line. */
    public Max3109(Spi spi, long crystalHz, DigitalInput irq) throws IOException {
        this(spi, crystalHz, Objects.requireNonNull(irq, "irq"), SystemTimeSource.INSTANCE);
    }

    /**
     * The same on a given clock, for tests and benchmarks that run the driver against a chip
     * model in simulated time. {@code irq} may be null (polling).
     */
    public Max3109(Spi spi, long crystalHz, DigitalInput irq, TimeSource time) throws IOException {
        this.clock = ReferenceClock.forCrystal(crystalHz);
        this.registers = new SpiRegisters(Objects.requireNonNull(spi, "spi"));
        this.time = Objects.requireNonNull(time, "time");
        this.irq = irq;
        this.wakeups = new Wakeups(time, irq);
        for (int uart = 0; uart < UARTS; uart++) {
            errors[uart] = new LineErrorCounter();
        }
        detect();
        for (int uart = 0; uart < UARTS; uart++) {
            reset(uart);
        }
        startClock();
        for (int uart = 0; uart < UARTS; uart++) {
            registers.write(uart, IRQEN, 0);
            registers.read(uart, ISR);
            // Unopened UARTs sleep, as under the kernel (max310x_power).
            registers.write(uart, MODE1, MODE1_FORCE_SLEEP);
        }
        if (irq != null) {
            irq.addListener(wakeups);
        }
    }

    /** UART 0 or 1 as 8N1 at {@code baud}; IOException when no divisor reaches it within 2 %. */
    public ByteLink open(int uart, int baud) throws IOException {
        checkUart(uart);
        BaudDivisor divisor = BaudDivisor.nearest(clock.fRefHz(), baud);
        if (Math.abs(divisor.error(baud)) > BaudDivisor.MAX_ERROR) {
            throw new IOException(String.format(Locale.ROOT,
                    "%d baud is out of reach of the MAX3109 on %s: fREF %d Hz gives %.0f baud at best (%+.2f %%),"
                            + " more than the 2 %% a line tolerates; rates up to fREF/4 = %d baud are possible",
                    baud, registers.name(), clock.fRefHz(), divisor.actualBaud(), 100 * divisor.error(baud),
                    clock.fRefHz() / 4));
        }
        Max3109Link link;
        synchronized (this) {
            if (closed) {
                throw new IOException("MAX3109 on " + registers.name() + " is closed");
            }
            if (links[uart] != null) {
                throw new IllegalStateException("UART " + uart + " of the MAX3109 on " + registers.name()
                        + " is already open");
            }
            errors[uart] = new LineErrorCounter();
            link = new Max3109Link(this, registers, uart, divisor, time, wakeups, errors[uart]);
            links[uart] = link;
        }
        // Set up outside the monitor: the 50 ms wake-up wait must not hold up the other UART.
        try {
            configure(uart, divisor);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                links[uart] = null;
            }
            throw e;
        }
        return link;
    }

    /** [K] max310x_startup and max310x_set_termios, for 8N1 without flow control. */
    private void configure(int uart, BaudDivisor divisor) throws IOException {
        // Wake the UART, receiver and transmitter enabled, no auto-sleep.
        registers.write(uart, MODE1, 0);
        sleep(WAKE_NANOS);
        registers.write(uart, MODE2, MODE2_RX_EMPTY_INV | MODE2_FIFO_RESET);
        registers.write(uart, MODE2, MODE2_RX_EMPTY_INV);
        registers.write(uart, LCR, LCR_8N1);
        registers.write(uart, FLOWCTRL, 0);
        registers.write(uart, BRGDIVMSB, divisor.divisor() >> 8);
        registers.write(uart, BRGDIVLSB, divisor.divisor() & 0xFF);
        registers.write(uart, BRGCFG, divisor.brgcfg());
        registers.read(uart, LSR);
        registers.read(uart, ISR);
        if (irq != null) {
            // With RxEmtyInv the "RX empty" interrupt means "RX FIFO no longer empty".
            registers.write(uart, IRQEN, IRQ_RXEMPTY);
        }
    }

    /** Line errors counted on {@code uart} since it was last opened. */
    public LineErrors lineErrors(int uart) {
        checkUart(uart);
        return errors[uart].snapshot();
    }

    public ReferenceClock referenceClock() {
        return clock;
    }

    /** Closes any open UART link (each waits, bounded, for its transmitter to drain). */
    @Override
    public void close() throws IOException {
        Max3109Link[] open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = links.clone();
        }
        IOException failure = null;
        for (Max3109Link link : open) {
            if (link != null) {
                try {
                    link.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (irq != null) {
            irq.removeListener(wakeups);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Called by a link as it closes: the UART stops interrupting and goes back to sleep. */
    synchronized void release(int uart, Max3109Link link) throws IOException {
        if (links[uart] == link) {
            links[uart] = null;
            registers.write(uart, IRQEN, 0);
            registers.write(uart, MODE1, MODE1_FORCE_SLEEP);
        }
    }

    /**
     * Reads which UARTs interrupt (GLOBALIRQ, active-low bits) and clears their interrupt status
     * (ISR is clear-on-read), which releases the IRQ line; the waiters of each such UART are told
     * to look again. Returns whether any UART was interrupting.
     */
    boolean serviceInterrupts() throws IOException {
        int global = registers.read(0, GLOBALIRQ);
        boolean any = false;
        for (int uart = 0; uart < UARTS; uart++) {
            if ((global & (1 << uart)) == 0) {
                registers.read(uart, ISR);
                wakeups.bump(uart);
                any = true;
            }
        }
        return any;
    }

    /** [K] max3109_detect: RevID sits at 0x05 while the extended registers are unlocked. */
    private void detect() throws IOException {
        registers.write(0, GLOBALCMD, GLOBALCMD_EXTREG_ENABLE);
        int revision = registers.read(0, SPCHR_IRQEN);
        registers.write(0, GLOBALCMD, GLOBALCMD_EXTREG_DISABLE);
        if ((revision & REVID_MASK) == MAX3109_REVID) {
            return;
        }
        String hint;
        if (revision == 0xFF) {
            hint = "all ones: nothing drives MISO (no chip, chip unpowered, wrong chip-select, or MISO not wired)";
        } else if (revision == 0x00) {
            hint = "all zeros: MISO is held low (no chip, chip held in reset, or a short)";
        } else if ((revision & REVID_MASK) == 0xB0) {
            hint = "that is a MAX14830 (quad UART), not a MAX3109";
        } else {
            hint = "not a MAX3109 revision";
        }
        throw new IOException(String.format(Locale.ROOT,
                "No MAX3109 on %s: revision id read 0x%02X, expected 0xC0..0xC7; %s", registers.name(), revision, hint));
    }

    /** [K] max310x_probe: pulse MODE2.RST, then wait for BRGDIVLSB to read its reset value. */
    private void reset(int uart) throws IOException {
        registers.write(uart, MODE2, MODE2_RESET);
        registers.write(uart, MODE2, 0);
        int value = 0;
        for (int attempt = 0; attempt < STARTUP_TRIES; attempt++) {
            value = registers.read(uart, BRGDIVLSB);
            if (value == BRGDIVLSB_AFTER_RESET) {
                return;
            }
            sleep(STARTUP_RETRY_NANOS);
        }
        throw new IOException(String.format(Locale.ROOT,
                "UART %d of the MAX3109 on %s did not leave reset: BRGDIVLSB still read 0x%02X after %d ms (0x01 expected)",
                uart, registers.name(), value, STARTUP_TRIES * 10));
    }

    /** [K] max310x_set_ref_clk: PLLCFG (when used), CLKSRC, then poll STS_IRQSTS.ClockReady. */
    private void startClock() throws IOException {
        if (clock.usesPll()) {
            registers.write(0, PLLCFG, clock.pllcfg());
        }
        registers.write(0, CLKSRC, clock.clksrc());
        for (int attempt = 0; attempt < STARTUP_TRIES; attempt++) {
            if ((registers.read(0, STS_IRQSTS) & STS_CLOCK_READY) != 0) {
                return;
            }
            sleep(STARTUP_RETRY_NANOS);
        }
        throw new IOException(String.format(Locale.ROOT,
                "The MAX3109 on %s has no stable clock: ClockReady stayed 0 for %d ms after CLKSRC=0x%02X"
                        + " (crystal %d Hz, PLLCFG 0x%02X, fREF %d Hz); check the crystal and its load capacitors",
                registers.name(), STARTUP_TRIES * 10, clock.clksrc(), clock.crystalHz(), clock.pllcfg(),
                clock.fRefHz()));
    }

    private void sleep(long nanos) {
        long deadline = time.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - time.nanoTime()) {
            time.parkNanos(left);
        }
    }

    private static void checkUart(int uart) {
        if (uart < 0 || uart >= UARTS) {
            throw new IllegalArgumentException("a MAX3109 has UART 0 and UART 1, not " + uart);
        }
    }
}
