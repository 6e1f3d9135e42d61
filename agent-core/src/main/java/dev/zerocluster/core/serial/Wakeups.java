package dev.zerocluster.core.serial;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Where the readers and writers of one chip wait: a timed park that the chip's IRQ line (when
 * there is one) or a change of a UART's state cuts short.
 *
 * <p>The IRQ pin is level-triggered (it stays low until the interrupt status is read), so a
 * waiter looks at the pin after it registers and before it parks; an edge that comes in between
 * unparks it through the listener, and {@link TimeSource#parkNanos} keeps that permit. The
 * per-UART generation covers the other race: another thread may read (and so clear) this UART's
 * interrupt status between our FIFO level read and our park; it then bumps the generation.
 */
final class Wakeups implements DigitalStateChangeListener {

    private final TimeSource time;
    private final DigitalInput irq;
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray generations = new AtomicIntegerArray(2);

    /** {@code irq} may be null: the driver then only polls. */
    Wakeups(TimeSource time, DigitalInput irq) {
        this.time = time;
        this.irq = irq;
    }

    boolean hasIrq() {
        return irq != null;
    }

    /** The chip's IRQ output is active-low. */
    boolean irqAsserted() {
        return irq != null && irq.state() == DigitalState.LOW;
    }

    int generation(int uart) {
        return generations.get(uart);
    }

    /** Something happened on {@code uart} (an interrupt, a close): its waiters look again. */
    void bump(int uart) {
        generations.incrementAndGet(uart);
        wakeAll();
    }

    /**
     * Parks the caller for at most {@code nanos}, returning early when {@code uart}'s generation
     * is no longer {@code seen}, or when {@code watchPin} and the IRQ line is asserted.
     */
    void await(int uart, int seen, long nanos, boolean watchPin) {
        Thread me = Thread.currentThread();
        waiting.add(me);
        try {
            if (generations.get(uart) != seen || (watchPin && irqAsserted())) {
                return;
            }
            time.parkNanos(nanos);
        } finally {
            waiting.remove(me);
        }
    }

    @Override
    public void onDigitalStateChange(DigitalStateChangeEvent event) {
        if (event.state() == DigitalState.LOW) {
            wakeAll();
        }
    }

    private void wakeAll() {
        for (Thread thread : waiting) {
            time.unpark(thread);
        }
    }
}
