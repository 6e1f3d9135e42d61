package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.config.ConfigReader;

public record TweaksConfig(Setting hdmi, Setting actLed) {

    /** {@code keep} leaves the board as it is. */
    public enum Setting { OFF, ON, KEEP }

    public static TweaksConfig read(ConfigReader r) {
        return new TweaksConfig(r.choice("tweaks.hdmi", Setting.OFF), r.choice("tweaks.act-led", Setting.OFF));
    }
}
