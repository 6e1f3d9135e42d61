package dev.zerocluster.core.serial;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Two MAX3109 models on one simulated board, UART 0 to UART 0 and UART 1 to UART 1, each on its
 * own chip-select of a Pi4J context built with the model providers (chip A on CS0, IRQ on GPIO
 * 24; chip B on CS1, IRQ on GPIO 25). The thread that builds the rig is registered with the
 * rig's clock, so it can construct drivers; close it from the same thread.
 */
public final class Max3109Rig implements AutoCloseable {

    public static final int IRQ_A = 24;
    public static final int IRQ_B = 25;

    public final VirtualTime time = new VirtualTime();
    public final Circuit circuit;
    public final Max3109Model chipA;
    public final Max3109Model chipB;
    private final Context context;
    private int ids;

    public Max3109Rig(long crystalA, long crystalB) {
        this(crystalA, crystalB, Map.of());
    }

    /** {@code others}: more devices by chip-select (2, 3, ...), e.g. a {@link StuckBus}. */
    Max3109Rig(long crystalA, long crystalB, Map<Integer, SpiDevice> others) {
        circuit = new Circuit(time, 0x3109L);
        chipA = circuit.addChip("chip A", crystalA);
        chipB = circuit.addChip("chip B", crystalB);
        circuit.connect(chipA, 0, chipB, 0);
        circuit.connect(chipA, 1, chipB, 1);
        Map<Integer, SpiDevice> devices = new HashMap<>(others);
        devices.put(0, chipA);
        devices.put(1, chipB);
        context = Pi4J.newContextBuilder()
                .add(new Max3109SpiProvider(devices), new IrqPinProvider(Map.of(IRQ_A, chipA, IRQ_B, chipB)))
                .build();
        time.register();
    }

    public Spi spi(int chipSelect) {
        return context.create(Spi.newConfigBuilder(context)
                .id("max3109-cs" + chipSelect + "-" + ids++)
                .bus(SpiBus.BUS_0)
                .chipSelect(SpiChipSelect.getByNumber(chipSelect))
                .baud(10_000_000)
                .mode(SpiMode.MODE_0)
                .provider(Max3109SpiProvider.ID)
                .build());
    }

    public DigitalInput irq(int gpio) {
        return context.create(DigitalInput.newConfigBuilder(context)
                .id("max3109-irq-" + gpio)
                .address(gpio)
                .pull(PullResistance.PULL_UP)
                .debounce(0L)
                .provider(IrqPinProvider.ID)
                .build());
    }

    /** A polling driver for chip A (CS0) or B (CS1), told the crystal the board carries. */
    public Max3109 driver(int chipSelect, long crystalHz) throws IOException {
        return new Max3109(spi(chipSelect), crystalHz, null, time);
    }

    /** A driver woken by the chip's IRQ line. */
    public Max3109 irqDriver(int chipSelect, long crystalHz) throws IOException {
        return new Max3109(spi(chipSelect), crystalHz, irq(chipSelect == 0 ? IRQ_A : IRQ_B), time);
    }

    @Override
    public void close() {
        time.deregister();
        context.shutdown();
    }
}
