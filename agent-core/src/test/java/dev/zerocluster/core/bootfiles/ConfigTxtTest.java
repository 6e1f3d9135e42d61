package dev.zerocluster.core.bootfiles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the case folders do not show: queries, and the edits' refusals. */
class ConfigTxtTest {
    static final PiBoard ZERO_2W = PiBoard.of("Raspberry Pi Zero 2 W Rev 1.0", "00000000e5f6a7b8");
    static final PiBoard ZERO = PiBoard.of("Raspberry Pi Zero Rev 1.3", "000000001234abcd");

    static ConfigTxt parse(String text) throws BootFileException {
        return ConfigTxt.parse(text.getBytes(UTF_8), "/boot/firmware/config.txt");
    }

    @Test
    void aMissingFileStartsEmptyAndGetsAClosedSection() throws BootFileException {
        ConfigTxt config = ConfigTxt.parse(new byte[0], "config.txt");
        config.add("pi0", "dtoverlay", "dwc2,dr_mode=peripheral");
        assertThat(new String(config.render(), UTF_8)).isEqualTo("[pi0]\ndtoverlay=dwc2,dr_mode=peripheral\n[all]\n");
    }

    @Test
    void modelFiltersFollowTheDocumentedTable() throws BootFileException {
        ConfigTxt config = parse("[pi0]\na=1\n[pi0w]\nb=1\n[pi02]\nc=1\n[pi4]\nd=1\n[all]\ne=1\n");
        assertThat(config.effective(ZERO_2W).stream().map(ConfigTxt.Setting::key)).containsExactly("a", "b", "c", "e");
        assertThat(config.effective(PiBoard.of("Raspberry Pi Zero W Rev 1.1", "x")).stream()
                .map(ConfigTxt.Setting::key)).containsExactly("a", "b", "e");
        assertThat(config.effective(ZERO).stream().map(ConfigTxt.Setting::key)).containsExactly("a", "e");
        assertThat(config.effective(ZERO).get(0).section()).isEqualTo("[pi0]");
    }

    @Test
    void aDtparamAfterAnOverlayIsThatOverlaysParameter() throws BootFileException {
        ConfigTxt config = parse("dtoverlay=vc4-kms-v3d\ndtparam=nohdmi\ndtoverlay=\ndtparam=audio=on\n");
        ConfigTxt.Overlay vc4 = config.overlays(ZERO, "vc4-kms-v3d").get(0);
        assertThat(vc4.flag("nohdmi")).isTrue();
        assertThat(vc4.dtparams()).extracting(ConfigTxt.Setting::line).containsExactly(2);
        assertThatThrownBy(() -> config.setOverlayFlag(vc4, "nohdmi", false)).isInstanceOf(BootFileException.class)
                .hasMessage("/boot/firmware/config.txt line 2: dtparam=nohdmi sets nohdmi for overlay vc4-kms-v3d;"
                        + " remove it by hand");
    }

    @Test
    void flagValuesCount() throws BootFileException {
        assertThat(parse("dtoverlay=vc4-kms-v3d,nohdmi=off\n").overlays(ZERO, "vc4-kms-v3d").get(0).flag("nohdmi"))
                .isFalse();
        assertThat(parse("dtoverlay=vc4-kms-v3d,nohdmi=on\n").overlays(ZERO, "vc4-kms-v3d").get(0).flag("nohdmi"))
                .isTrue();
    }

    @Test
    void anOverlayIsNotInsertedWhereAFollowingDtparamWouldBindToIt() throws BootFileException {
        ConfigTxt config = parse("[pi0]\ngpu_mem=16\n[all]\ndtparam=audio=on\n");
        config.add("pi0", "gpu_mem_512", "16");
        config.add("pi0", "dtoverlay", "dwc2");
        assertThat(new String(config.render(), UTF_8)).isEqualTo(
                "[pi0]\ngpu_mem=16\ngpu_mem_512=16\n[all]\ndtparam=audio=on\n\n[pi0]\ndtoverlay=dwc2\n[all]\n");
    }

    @Test
    void settingAValueKeepsIndentation() throws BootFileException {
        ConfigTxt config = parse("  enable_uart = 0\n");
        assertThat(config.setValue(1, "1")).isEqualTo("line 1: enable_uart=0 -> enable_uart=1");
        assertThat(new String(config.render(), UTF_8)).isEqualTo("  enable_uart =1\n");
    }

    @Test
    void editingALineThatIsNotASettingIsRefused() throws BootFileException {
        ConfigTxt config = parse("# comment\n");
        assertThatThrownBy(() -> config.remove(1)).hasMessage("/boot/firmware/config.txt line 1: no name=value setting"
                + " on this line");
    }

    @Test
    void removingTheLastLineKeepsAMissingFinalNewlineMissing() throws BootFileException {
        ConfigTxt config = parse("a=1\nb=2");
        config.remove(2);
        assertThat(new String(config.render(), UTF_8)).isEqualTo("a=1");
    }

    @Test
    void includeAndInitramfsAreDirectives() throws BootFileException {
        ConfigTxt config = parse("include extra.txt\ninitramfs initrd.img followkernel\n");
        assertThat(config.effective(ZERO)).isEmpty();
    }
}
