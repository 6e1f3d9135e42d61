package dev.zerocluster.core.model;

/**
 * The firmware's throttle flags, decoded. Bits 0–3 are the state now (under-voltage, ARM frequency
 * capped, throttled, soft temperature limit); bits 16–19 the same, latched since boot
 * (Raspberry Pi documentation, "vcgencmd get_throttled").
 *
 * <p>{@code raw} is null when the value did not come from the full bit mask (the {@code rpi_volt}
 * hwmon alarm gives under-voltage alone); every flag that was not read is null.
 */
public record Throttled(
        Integer raw,
        Boolean underVoltage,
        Boolean freqCapped,
        Boolean throttled,
        Boolean softTempLimit,
        Boolean underVoltageOccurred,
        Boolean freqCappedOccurred,
        Boolean throttledOccurred,
        Boolean softTempLimitOccurred) {

    public static final int UNDER_VOLTAGE = 1;
    public static final int FREQ_CAPPED = 1 << 1;
    public static final int THROTTLED = 1 << 2;
    public static final int SOFT_TEMP_LIMIT = 1 << 3;
    public static final int OCCURRED_SHIFT = 16;

    private static final Throttled UNKNOWN = new Throttled(null, null, null, null, null, null, null, null, null);

    /** Every flag from the full mask, as {@code vcgencmd get_throttled} prints it. */
    public static Throttled decode(int raw) {
        return new Throttled(raw,
                bit(raw, UNDER_VOLTAGE), bit(raw, FREQ_CAPPED), bit(raw, THROTTLED), bit(raw, SOFT_TEMP_LIMIT),
                bit(raw, UNDER_VOLTAGE << OCCURRED_SHIFT), bit(raw, FREQ_CAPPED << OCCURRED_SHIFT),
                bit(raw, THROTTLED << OCCURRED_SHIFT), bit(raw, SOFT_TEMP_LIMIT << OCCURRED_SHIFT));
    }

    /** Only the under-voltage alarm is known (the {@code rpi_volt} hwmon driver). */
    public static Throttled underVoltageOnly(boolean underVoltage) {
        return new Throttled(null, underVoltage, null, null, null, null, null, null, null);
    }

    public static Throttled unknown() {
        return UNKNOWN;
    }

    private static Boolean bit(int raw, int mask) {
        return (raw & mask) != 0;
    }
}
