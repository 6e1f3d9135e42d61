package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedTriggersTest {
    @Test
    void theBracketedTriggerIsSelected() {
        LedTriggers t = LedTriggers.parse("none kbd-scrolllock rc-feedback [mmc0] timer oneshot heartbeat default-on\n",
                "trigger");
        assertThat(t.selected()).isEqualTo("mmc0");
        assertThat(t.available()).startsWith("none", "kbd-scrolllock").contains("mmc0");
        assertThat(t.offers("actpwr")).isFalse();
    }

    @Test
    void aFileWithoutASelectionIsNotAKernelTriggerList() {
        assertThatThrownBy(() -> LedTriggers.parse("none\n", "/sys/class/leds/ACT/trigger"))
                .hasMessage("/sys/class/leds/ACT/trigger: no selected [trigger] in 'none' (the kernel always brackets one)");
    }

    @Test
    void twoSelectionsAreRefused() {
        assertThatThrownBy(() -> LedTriggers.parse("[none] [mmc0]", "t")).hasMessageContaining("two selected triggers");
    }
}
