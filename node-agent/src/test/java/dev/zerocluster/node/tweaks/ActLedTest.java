package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActLedTest {
    @TempDir
    Path stateDir;

    ActLed actLed(LedClassModel led, int offBrightness, String defaultTrigger) {
        return new ActLed(led, offBrightness, defaultTrigger, new LedMemory(stateDir));
    }

    @Test
    void offIsTriggerNoneThenTheDarkBrightnessAndThePreviousTriggerIsRemembered() throws IOException {
        LedClassModel led = LedClassModel.act("actpwr", 1);
        TweakResult r = actLed(led, 0, "actpwr").switchOff();
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.state()).isEqualTo(TweakState.OFF);
        assertThat(led.writes).containsExactly("trigger=none", "brightness=0");
        assertThat(r.message()).isEqualTo("ACT trigger none, brightness 0; was trigger actpwr, remembered in "
                + stateDir.resolve("act-led.json"));
        assertThat(Files.readString(stateDir.resolve("act-led.json")))
                .isEqualTo("{\"led\":\"ACT\",\"trigger\":\"actpwr\",\"brightness\":1}");
    }

    @Test
    void onAZeroWhoseDeviceTreeDeclaresTheLedActiveHighOffIsBrightnessOne() {
        LedClassModel led = new LedClassModel("led0", java.util.List.of("none", "mmc0", "timer", "default-on"),
                "mmc0", 0, 1);
        int off = new DeviceTreeLed(false, "mmc0").offBrightness(true, 1);
        assertThat(off).isEqualTo(1);
        TweakResult r = actLed(led, off, "mmc0").switchOff();
        assertThat(r.ok()).isTrue();
        assertThat(led.writes).containsExactly("trigger=none", "brightness=1");
        assertThat(r.message()).startsWith("led0 trigger none, brightness 1 (dark at 1 on this board)");
    }

    @Test
    void aLedThatDoesNotTakeTheSettingIsAFailure() {
        LedClassModel led = LedClassModel.act("actpwr", 1);
        led.stuckBrightness = 1;
        TweakResult r = actLed(led, 0, "actpwr").switchOff();
        assertThat(r.ok()).isFalse();
        assertThat(r.state()).isEqualTo(TweakState.ON);
        assertThat(r.message()).isEqualTo("the LED did not take the setting: wrote trigger none and brightness 0,"
                + " reads back ACT trigger none, brightness 1");
    }

    @Test
    void aReadOnlySysIsReportedAndNothingIsRemembered() {
        LedClassModel led = LedClassModel.act("actpwr", 1);
        led.readOnly = true;
        TweakResult r = actLed(led, 0, "actpwr").switchOff();
        assertThat(r.ok()).isFalse();
        assertThat(r.state()).isEqualTo(TweakState.ON);
        assertThat(r.message()).contains("Read-only file system");
        assertThat(stateDir.resolve("act-led.json")).doesNotExist();
    }

    @Test
    void alreadyOffWritesNothing() {
        LedClassModel led = LedClassModel.act("none", 0);
        TweakResult r = actLed(led, 0, "actpwr").switchOff();
        assertThat(r.ok()).isTrue();
        assertThat(r.message()).startsWith("already off");
        assertThat(led.writes).isEmpty();
    }

    @Test
    void restorePutsBackTheRememberedTrigger() {
        LedClassModel led = LedClassModel.act("heartbeat", 1);
        ActLed act = actLed(led, 0, "actpwr");
        act.switchOff();
        TweakResult r = act.restore();
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.state()).isEqualTo(TweakState.ON);
        assertThat(led.triggers().selected()).isEqualTo("heartbeat");
        assertThat(r.message()).isEqualTo("ACT trigger heartbeat, brightness 1, as before");
        assertThat(stateDir.resolve("act-led.json")).doesNotExist();
    }

    @Test
    void withNothingRememberedRestoreUsesTheDeviceTreeDefault() {
        LedClassModel led = LedClassModel.act("none", 0);
        TweakResult r = actLed(led, 0, "actpwr").restore();
        assertThat(r.ok()).isTrue();
        assertThat(led.triggers().selected()).isEqualTo("actpwr");
        assertThat(r.message()).endsWith("the device-tree default");
    }

    @Test
    void withNothingRememberedAndNoDefaultRestoreSaysItCannot() {
        TweakResult r = actLed(LedClassModel.act("none", 0), 0, null).restore();
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("cannot tell how to turn the LED back on");
    }

    @Test
    void aRememberedTriggerTheLedNoLongerOffersIsRefused() throws IOException {
        Files.writeString(stateDir.resolve("act-led.json"), "{\"led\":\"led0\",\"trigger\":\"mmc9\",\"brightness\":0}");
        TweakResult r = actLed(LedClassModel.act("none", 0), 0, "actpwr").restore();
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).startsWith("trigger mmc9 (remembered in " + stateDir.resolve("act-led.json")
                + ") is not offered by ACT: none kbd-scrolllock");
    }

    @Test
    void aCorruptMemoryFileIsNamed() throws IOException {
        Files.writeString(stateDir.resolve("act-led.json"), "{\"trigger\": \"mmc0; reboot\", \"brightness\": 0}");
        TweakResult r = actLed(LedClassModel.act("none", 0), 0, "actpwr").restore();
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).isEqualTo(stateDir.resolve("act-led.json")
                + " does not hold a remembered LED state (trigger name and brightness >= 0)");
    }

    @Test
    void restoringALedThatIsOnAlreadyForgetsAStaleMemory() throws IOException {
        Files.writeString(stateDir.resolve("act-led.json"), "{\"led\":\"ACT\",\"trigger\":\"mmc0\",\"brightness\":0}");
        LedClassModel led = LedClassModel.act("actpwr", 1);
        TweakResult r = actLed(led, 0, "actpwr").restore();
        assertThat(r.ok()).isTrue();
        assertThat(r.message()).startsWith("already on");
        assertThat(led.writes).isEmpty();
        assertThat(stateDir.resolve("act-led.json")).doesNotExist();
    }
}
