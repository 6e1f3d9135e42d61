package dev.zerocluster.core.serial;

import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a serial cable: the frames a transmitter has put on it, as a level over time
 * (idle high; each frame a low start bit, data LSB first, parity, high stop bits).
 *
 * <p>A receiver samples this level at its own bit rate, so a baud mismatch garbles bytes the way a
 * real line does: the sampling point drifts by the rate error every bit, and by the stop bit
 * (9.5 bits after the start edge for 8N1) it has drifted 9.5 times as far. Near an edge of the
 * transmitted waveform a real receiver is at the mercy of slew, cable capacitance, its 1/16-bit
 * start detection and the far end's clock tolerance; a sample closer than
 * {@link #EDGE_UNCERTAINTY} of a bit to a level change therefore reads a random level (and the
 * receiver flags noise). That margin is what makes the customary tolerance hold exactly: with 0.30
 * of a bit, every sample of an 8N1 word is clean while the two rates agree within
 * (0.5 - 0.30) / 9.5 = 2.1 %, and the stop bit starts to fail beyond.
 */
final class SerialLine {

    static final double EDGE_UNCERTAINTY = 0.30;
    /** What {@link #levelAt} returns for a sample taken in an edge's uncertain zone. */
    static final int UNCERTAIN = -1;

    /** One word on the wire; {@code pattern} bit i is the level of bit i (bit 0: the start bit). */
    record Frame(double start, double bitNanos, int bits, int pattern) {
        double end() {
            return start + bits * bitNanos;
        }

        int level(int index) {
            return (pattern >> index) & 1;
        }
    }

    private final List<Frame> frames = new ArrayList<>();
    private int cursor;

    void add(Frame frame) {
        frames.add(frame);
    }

    boolean isEmpty() {
        return cursor >= frames.size();
    }

    /**
     * The earliest time at or after {@code t} at which the line is low, among the frames sent so
     * far, or NaN if there is none yet. Calls must come with non-decreasing {@code t}.
     */
    double nextLowAtOrAfter(double t) {
        skipTo(t);
        for (int i = cursor; i < frames.size(); i++) {
            Frame f = frames.get(i);
            int from = Math.max(0, (int) Math.floor((t - f.start()) / f.bitNanos()));
            for (int bit = from; bit < f.bits(); bit++) {
                if (f.level(bit) == 0) {
                    return Math.max(t, f.start() + bit * f.bitNanos());
                }
            }
        }
        return Double.NaN;
    }

    /** The level at {@code t}: 0, 1 or {@link #UNCERTAIN}. Calls must come with non-decreasing {@code t}. */
    int levelAt(double t) {
        skipTo(t);
        if (cursor >= frames.size()) {
            return 1;
        }
        Frame f = frames.get(cursor);
        if (t < f.start()) {
            // Idle; only the coming start edge can be near.
            return (f.start() - t) < EDGE_UNCERTAINTY * f.bitNanos() ? UNCERTAIN : 1;
        }
        double position = (t - f.start()) / f.bitNanos();
        int bit = Math.min((int) position, f.bits() - 1);
        double into = position - bit;
        int level = f.level(bit);
        int before = bit == 0 ? 1 : f.level(bit - 1); // a start bit follows idle or a stop bit
        int after;
        if (bit + 1 < f.bits()) {
            after = f.level(bit + 1);
        } else {
            Frame next = cursor + 1 < frames.size() ? frames.get(cursor + 1) : null;
            boolean backToBack = next != null && next.start() - f.end() < EDGE_UNCERTAINTY * f.bitNanos();
            after = backToBack ? 0 : 1;
        }
        if ((before != level && into < EDGE_UNCERTAINTY) || (after != level && 1 - into < EDGE_UNCERTAINTY)) {
            return UNCERTAIN;
        }
        return level;
    }

    /** Frames that ended before {@code t} are never sampled again. */
    private void skipTo(double t) {
        while (cursor < frames.size() && frames.get(cursor).end() <= t) {
            cursor++;
        }
        if (cursor > 4096) {
            frames.subList(0, cursor).clear();
            cursor = 0;
        }
    }
}
