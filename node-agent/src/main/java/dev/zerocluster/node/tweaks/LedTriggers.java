package dev.zerocluster.node.tweaks;

import java.util.ArrayList;
import java.util.List;

/**
 * The content of an LED's {@code trigger} file: every trigger the LED can take, separated by
 * spaces, the selected one in brackets, e.g. {@code none kbd-scrolllock [mmc0] timer}
 * ({@code led_trigger_read()} in {@code drivers/leds/led-triggers.c}; {@code [none]} when no trigger
 * drives the LED).
 */
public record LedTriggers(List<String> available, String selected) {

    public LedTriggers {
        available = List.copyOf(available);
    }

    /**
     * Parses the file's text; refuses anything the kernel would not write, naming {@code source},
     * so that a plain file or a changed format is reported rather than misread.
     */
    public static LedTriggers parse(String text, String source) {
        List<String> names = new ArrayList<>();
        String selected = null;
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("[") && word.endsWith("]") && word.length() > 2) {
                if (selected != null) {
                    throw new IllegalArgumentException(source + ": two selected triggers in '" + text.strip() + "'");
                }
                selected = word.substring(1, word.length() - 1);
                names.add(selected);
            } else if (word.contains("[") || word.contains("]")) {
                throw new IllegalArgumentException(source + ": cannot read trigger list '" + text.strip() + "'");
            } else {
                names.add(word);
            }
        }
        if (selected == null) {
            throw new IllegalArgumentException(source + ": no selected [trigger] in '" + text.strip()
                    + "' (the kernel always brackets one)");
        }
        return new LedTriggers(names, selected);
    }

    public boolean offers(String trigger) {
        return available.contains(trigger);
    }
}
