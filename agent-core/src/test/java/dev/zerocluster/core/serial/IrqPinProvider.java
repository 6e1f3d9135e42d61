package dev.zerocluster.core.serial;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import java.util.Map;

/** A Pi4J digital input provider whose inputs are the IRQ outputs of chip models, by GPIO address. */
public final class IrqPinProvider extends DigitalInputProviderBase {

    public static final String ID = "max3109-model-irq";

    private final Map<Integer, Max3109Model> byAddress;

    public IrqPinProvider(Map<Integer, Max3109Model> byAddress) {
        super(ID, "MAX3109 model IRQ");
        this.byAddress = Map.copyOf(byAddress);
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        Max3109Model chip = byAddress.get(config.address());
        if (chip == null) {
            throw new AssertionError("no chip model's IRQ is wired to GPIO " + config.address());
        }
        IrqPin pin = new IrqPin(this, config);
        chip.attachIrq(pin);
        this.context.registry().add(pin);
        return pin;
    }
}
