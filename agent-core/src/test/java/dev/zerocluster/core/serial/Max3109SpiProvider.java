package dev.zerocluster.core.serial;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiMode;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.io.spi.SpiProviderBase;
import java.util.Map;

/**
 * A Pi4J SPI provider whose devices are chip models: register it in a test context with
 * {@code Pi4J.newContextBuilder().add(provider)} and the driver gets a real Pi4J {@link Spi}.
 * A chip-select with nothing on it reads all ones, as a floating MISO with a pull-up does.
 */
public final class Max3109SpiProvider extends SpiProviderBase {

    public static final String ID = "max3109-model-spi";
    /** The MAX3109's SPI clock limit ([K] probe: {@code spi->max_speed_hz ?: 26000000}). */
    static final int MAX_SPI_HZ = 26_000_000;

    private final Map<Integer, SpiDevice> byChipSelect;

    /** Devices keyed by chip-select number on bus 0. */
    public Max3109SpiProvider(Map<Integer, ? extends SpiDevice> byChipSelect) {
        super(ID, "MAX3109 model SPI");
        this.byChipSelect = Map.copyOf(byChipSelect);
    }

    @Override
    public Spi create(SpiConfig config) {
        if (config.mode() != SpiMode.MODE_0) {
            throw new AssertionError("the MAX3109 speaks SPI mode 0 ([K] max310x_spi_probe), not " + config.mode());
        }
        if (config.baud() > MAX_SPI_HZ) {
            throw new AssertionError("SPI clock " + config.baud() + " Hz is above the MAX3109's 26 MHz");
        }
        SpiDevice device = config.bus().getBus() == 0
                ? byChipSelect.getOrDefault(config.chipSelect().getChipSelect(), new StuckBus(0xFF))
                : new StuckBus(0xFF);
        ModelSpi spi = new ModelSpi(this, config, device);
        spi.open();
        this.context.registry().add(spi);
        return spi;
    }

    /** One chip-select: each transfer call is one chip-select period of the device behind it. */
    static final class ModelSpi extends SpiBase {

        private final SpiDevice device;

        ModelSpi(SpiProvider provider, SpiConfig config, SpiDevice device) {
            super(provider, config);
            this.device = device;
        }

        @Override
        public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int numberOfBytes) {
            device.exchange(write, writeOffset, read, readOffset, numberOfBytes);
            return numberOfBytes;
        }

        @Override
        public int write(byte b) {
            return write(new byte[] {b}, 0, 1);
        }

        @Override
        public int write(byte[] data, int offset, int length) {
            device.exchange(data, offset, new byte[length], 0, length);
            return length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            device.exchange(new byte[length], 0, buffer, offset, length);
            return length;
        }
    }
}
