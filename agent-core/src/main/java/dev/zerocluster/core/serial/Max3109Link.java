package dev.zerocluster.core.serial;

import static dev.zerocluster.core.serial.Max3109Registers.FIFO_WORDS;
import static dev.zerocluster.core.serial.Max3109Registers.LSR;
import static dev.zerocluster.core.serial.Max3109Registers.LSR_ERRORS;
import static dev.zerocluster.core.serial.Max3109Registers.RXFIFOLVL;
import static dev.zerocluster.core.serial.Max3109Registers.TXFIFOLVL;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open MAX3109 UART. The reading and the writing thread each talk to the chip themselves:
 * a read drains what the RX FIFO level says is there, a write fills only the free TX FIFO space,
 * each as one SPI burst (one chip-select, address 0x00, no increment).
 *
 * <p>Waits are timed from the line rate rather than spun: a reader that finds the RX FIFO empty
 * looks again after 96 word-times (3/4 of the FIFO), a writer that filled the TX FIFO comes back
 * when it should have drained to 32 words. A burst then carries about 96 words for 3 bytes of
 * overhead (level read and command byte), about 1.03 SPI bytes per payload byte.
 *
 * <p>The line status register is read, and its error bits counted, whenever the RX FIFO was found
 * full (the only state in which words can be lost), after every 1 KiB received, and when the line
 * falls idle after data: its error bits latch until read, so every received word is covered at
 * about 2 bytes of SPI traffic per KiB, where reading LSR with every burst would cost 2 per
 * burst and push bulk traffic above 1.05 SPI bytes per payload byte.
 */
final class Max3109Link implements ByteLink {

    static final int BITS_PER_WORD = 10; // 8N1: start, 8 data, stop
    static final int RX_POLL_WORDS = 96;
    static final int TX_REFILL_LEVEL = 32;
    static final int LSR_EVERY_BYTES = 1024;
    /** With an IRQ line, an idle reader still looks this often, in case an edge was missed. */
    static final long IRQ_SAFETY_NANOS = Duration.ofMillis(50).toNanos();
    /** A transmitter that takes no word for this long (plus a FIFO's worth of line time) is stuck. */
    static final long TX_STALL_NANOS = Duration.ofSeconds(1).toNanos();

    private final Max3109 chip;
    private final SpiRegisters registers;
    private final int uart;
    private final TimeSource time;
    private final Wakeups wakeups;
    private final LineErrorCounter errors;
    private final long wordNanos;
    private final long idleWaitNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();

    // Burst buffers: [command, words...]; the reader's and the writer's, as both run at once.
    private final byte[] readOut = new byte[FIFO_WORDS + 1];
    private final byte[] readIn = new byte[FIFO_WORDS + 1];
    private final byte[] writeOut = new byte[FIFO_WORDS + 1];
    private final byte[] writeIn = new byte[FIFO_WORDS + 1];
    private int bytesSinceLsr; // reader thread only
    private long nextPollAt = Long.MIN_VALUE; // reader thread only

    Max3109Link(Max3109 chip, SpiRegisters registers, int uart, BaudDivisor divisor, TimeSource time,
                Wakeups wakeups, LineErrorCounter errors) {
        this.chip = chip;
        this.registers = registers;
        this.uart = uart;
        this.time = time;
        this.wakeups = wakeups;
        this.errors = errors;
        this.wordNanos = Math.max(1, Math.round(BITS_PER_WORD * 1e9 / divisor.actualBaud()));
        this.idleWaitNanos = wakeups.hasIrq() ? IRQ_SAFETY_NANOS : RX_POLL_WORDS * wordNanos;
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        long deadline = deadlineAfter(timeout);
        if (closed.get()) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (!acquire(readLock, deadline)) {
            return closed.get() ? -1 : 0;
        }
        try {
            while (true) {
                if (closed.get()) {
                    return -1;
                }
                long now = time.nanoTime();
                if (now < nextPollAt) {
                    // Keep the polling cadence across read calls: right after a burst emptied the
                    // FIFO, an immediate poll would find it (nearly) empty and cost a level read.
                    long until = Math.min(nextPollAt, deadline);
                    if (until > now) {
                        wakeups.await(uart, wakeups.generation(uart), until - now, false);
                        continue;
                    }
                }
                boolean watchPin = true;
                if (wakeups.irqAsserted()) {
                    // A line held low with nothing pending (shared or stuck) must not make us spin.
                    watchPin = chip.serviceInterrupts();
                }
                int generation = wakeups.generation(uart);
                int count = drain(buf, off, len);
                if (count > 0) {
                    return count;
                }
                long left = remaining(deadline);
                if (left <= 0) {
                    return 0;
                }
                wakeups.await(uart, generation, Math.min(left, idleWaitNanos), watchPin);
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        ensureOpen();
        while (!writeLock.tryLock()) {
            // Another writer owns the transmitter; writes are not interleaved.
            ensureOpen();
            time.parkNanos(16 * wordNanos);
        }
        try {
            long stallLimit = TX_STALL_NANOS + FIFO_WORDS * wordNanos;
            long lastProgress = time.nanoTime();
            int done = 0;
            while (done < len) {
                ensureOpen();
                int generation = wakeups.generation(uart);
                int level = registers.read(uart, TXFIFOLVL);
                int count = Math.min(FIFO_WORDS - level, len - done);
                if (count > 0) {
                    System.arraycopy(buf, off + done, writeOut, 1, count);
                    registers.writeFifo(uart, writeOut, writeIn, count);
                    done += count;
                    level += count;
                    lastProgress = time.nanoTime();
                } else if (time.nanoTime() - lastProgress > stallLimit) {
                    throw new IOException("UART " + uart + " of the MAX3109 on " + registers.name()
                            + " stopped transmitting: its TX FIFO stayed full for "
                            + Duration.ofNanos(stallLimit).toMillis() + " ms");
                }
                if (done < len) {
                    wakeups.await(uart, generation, Math.max(1, level - TX_REFILL_LEVEL) * wordNanos, false);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Lets the transmitter send what is queued (bounded by the time a full FIFO takes), then puts
     * the UART back to sleep. A blocked reader returns -1, a blocked writer throws.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wakeups.bump(uart);
        try {
            long deadline = time.nanoTime() + (FIFO_WORDS + 2) * wordNanos;
            int level;
            while ((level = registers.read(uart, TXFIFOLVL)) > 0 && time.nanoTime() < deadline) {
                time.parkNanos(level * wordNanos);
            }
        } finally {
            chip.release(uart, this);
        }
    }

    /** One poll of the RX FIFO: its level, then (if any) one burst of up to {@code len} words. */
    private int drain(byte[] buf, int off, int len) throws IOException {
        int level = registers.read(uart, RXFIFOLVL);
        if (level == 0) {
            if (bytesSinceLsr > 0) {
                readLineStatus();
            }
            return 0;
        }
        if (level >= FIFO_WORDS || bytesSinceLsr >= LSR_EVERY_BYTES) {
            readLineStatus();
        }
        int count = Math.min(level, len);
        registers.readFifo(uart, readOut, readIn, count);
        System.arraycopy(readIn, 1, buf, off, count);
        bytesSinceLsr += count;
        // With an IRQ line a waiting reader is woken when words arrive, so it may poll at once.
        boolean emptied = count == level;
        nextPollAt = emptied && !wakeups.hasIrq() ? time.nanoTime() + RX_POLL_WORDS * wordNanos : Long.MIN_VALUE;
        return count;
    }

    private void readLineStatus() throws IOException {
        errors.count(registers.read(uart, LSR) & LSR_ERRORS);
        bytesSinceLsr = 0;
    }

    private boolean acquire(ReentrantLock lock, long deadline) {
        while (!lock.tryLock()) {
            // Parked on the time source rather than blocked on the lock, so that a simulated clock
            // sees this thread as waiting.
            long left = remaining(deadline);
            if (left <= 0 || closed.get()) {
                return false;
            }
            time.parkNanos(Math.min(left, 16 * wordNanos));
        }
        return true;
    }

    private long deadlineAfter(Duration timeout) {
        long nanos;
        try {
            nanos = Math.max(0, timeout.toNanos());
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        try {
            return Math.addExact(time.nanoTime(), nanos);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Nanoseconds to {@code deadline}; a deadline of {@code Long.MAX_VALUE} never comes. */
    private long remaining(long deadline) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - time.nanoTime();
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) {
            throw new IOException("UART " + uart + " of the MAX3109 on " + registers.name() + " is closed");
        }
    }
}
