package dev.zerocluster.core.serial;

import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;

/**
 * The GPIO input wired to a chip model's open-drain, active-low IRQ output (pulled up: high while
 * nothing interrupts). The model drives it; a change is dispatched to listeners synchronously in
 * the driving thread, as Pi4J's providers dispatch from their event thread.
 */
final class IrqPin extends DigitalInputBase {

    private volatile DigitalState state = DigitalState.HIGH;

    IrqPin(DigitalInputProvider provider, DigitalInputConfig config) {
        super(provider, config);
    }

    @Override
    public DigitalState state() {
        return state;
    }

    void drive(boolean asserted) {
        DigitalState next = asserted ? DigitalState.LOW : DigitalState.HIGH;
        if (next != state) {
            state = next;
            dispatch(new DigitalStateChangeEvent<>(this, next));
        }
    }
}
