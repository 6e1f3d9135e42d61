package dev.zerocluster.core.serial;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The board of a test: chip models, the serial cables between their UARTs, and the simulated
 * clock they share. All model state is guarded by this object's monitor.
 *
 * <p>Models are lazy: each SPI transaction first brings every transmitter and receiver up to the
 * current time. Between transactions nothing happens, except where a chip drives an IRQ line
 * someone listens to: then the circuit schedules itself on the clock for the next moment a word
 * leaves or arrives, so the line falls when the chip would pull it.
 */
public final class Circuit {

    private final VirtualTime time;
    private final SplittableRandom random;
    private final List<Max3109Model> chips = new ArrayList<>();
    private long advancedTo;
    private long scheduledAt = Long.MAX_VALUE;

    public Circuit(VirtualTime time, long seed) {
        this.time = time;
        this.random = new SplittableRandom(seed);
    }

    public VirtualTime time() {
        return time;
    }

    public synchronized Max3109Model addChip(String name, long crystalHz) {
        Max3109Model chip = new Max3109Model(this, name, crystalHz);
        chips.add(chip);
        return chip;
    }

    /** A cable: each UART's TX to the other's RX. */
    public synchronized void connect(Max3109Model a, int uartA, Max3109Model b, int uartB) {
        a.uart(uartA).listenTo(b.uart(uartB).out);
        b.uart(uartB).listenTo(a.uart(uartA).out);
    }

    /** Every violation any chip recorded. */
    public List<String> violations() {
        List<String> all = new ArrayList<>();
        for (Max3109Model chip : chips) {
            all.addAll(chip.violations());
        }
        return all;
    }

    int randomBit() {
        return random.nextInt(2);
    }

    int randomByte() {
        return random.nextInt(256);
    }

    /** Brings every chip to {@code now}: clocks, then transmitters, then receivers. Lock held. */
    void advanceTo(long now) {
        long t = Math.max(now, advancedTo);
        advancedTo = t;
        for (Max3109Model chip : chips) {
            chip.advanceClock(t);
        }
        for (Max3109Model chip : chips) {
            chip.uart(0).transmit(t);
            chip.uart(1).transmit(t);
        }
        for (Max3109Model chip : chips) {
            chip.uart(0).receive(t);
            chip.uart(1).receive(t);
        }
    }

    /** After a transaction or a tick: drive the IRQ lines and schedule the next tick. Lock held. */
    void afterChange() {
        boolean watched = false;
        for (Max3109Model chip : chips) {
            chip.updatePin();
            watched |= chip.hasIrqPin() && chip.interruptsEnabled() && !chip.irqAsserted();
        }
        if (!watched) {
            return;
        }
        double next = Double.NaN;
        for (Max3109Model chip : chips) {
            for (int u = 0; u < 2; u++) {
                double at = chip.uart(u).nextActivity();
                if (!Double.isNaN(at) && (Double.isNaN(next) || at < next)) {
                    next = at;
                }
            }
        }
        if (Double.isNaN(next)) {
            return;
        }
        long at = Math.max(advancedTo + 1, (long) Math.ceil(next));
        if (at < scheduledAt) {
            scheduledAt = at;
            time.schedule(at, this::tick);
        }
    }

    private synchronized void tick() {
        if (time.nanoTime() < scheduledAt) {
            return; // superseded by an earlier tick that rescheduled
        }
        scheduledAt = Long.MAX_VALUE;
        advanceTo(time.nanoTime());
        afterChange();
    }
}
