package dev.zerocluster.master.link.serial;

import dev.zerocluster.core.config.ConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One serial port to a node: a tty {@code device}, or a {@code max3109} channel; never both. */
public record SerialPortConfig(Optional<Path> device, Optional<Max3109Port> max3109, int baud, Protocol protocol) {

    public enum Protocol { ZCLINK, PPP }

    /** A channel of a MAX3109 on the SPI bus; {@code irqGpio} empty means the driver polls. */
    public record Max3109Port(int spiBus, int chipSelect, int channel, long crystalHz, Optional<Integer> irqGpio) {
    }

    public static List<SerialPortConfig> readAll(ConfigReader r) {
        List<SerialPortConfig> ports = new ArrayList<>();
        for (ConfigReader port : r.mappings("links.serial.ports")) {
            ports.add(read(port));
            port.finish();
        }
        return List.copyOf(ports);
    }

    private static SerialPortConfig read(ConfigReader r) {
        Optional<Path> device = r.parsedOptional("device", "an absolute tty path such as /dev/ttyAMA0", text -> {
            Path p = Path.of(text);
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException();
            }
            return p;
        });
        Optional<Max3109Port> chip = Optional.empty();
        if (r.has("max3109.spi-bus") || r.has("max3109.chip-select") || r.has("max3109.channel")
                || r.has("max3109.crystal-hz") || r.has("max3109.irq-gpio")) {
            chip = Optional.of(new Max3109Port(
                    r.integer("max3109.spi-bus", 0, 0, 6),
                    r.integer("max3109.chip-select", 0, 0, 3),
                    r.integer("max3109.channel", 0, 0, 1),
                    r.longInteger("max3109.crystal-hz", 3_686_400, 1_000_000, 26_000_000),
                    r.has("max3109.irq-gpio") ? Optional.of(r.integer("max3109.irq-gpio", 0, 0, 53))
                            : Optional.empty()));
        }
        if (device.isPresent() == chip.isPresent()) {
            throw r.error(device.isPresent() ? "device" : "max3109",
                    "a port has either device or max3109, exactly one of them");
        }
        int baud = r.integer("baud", 1_000_000, 300, 4_000_000);
        Protocol protocol = r.choice("protocol", Protocol.ZCLINK);
        return new SerialPortConfig(device, chip, baud, protocol);
    }
}
