package dev.zerocluster.core.bootfiles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModulesLoadConfTest {

    static ModulesLoadConf parse(String text) throws BootFileException {
        return ModulesLoadConf.parse(text.getBytes(UTF_8), "/etc/modules-load.d/zerocluster.conf");
    }

    @Test
    void addsAModuleOnceAndKeepsTheRest() throws BootFileException {
        ModulesLoadConf conf = parse("# loaded at boot\n; old style comment\ni2c-dev\n\n");
        assertThat(conf.add("g_ether")).isEqualTo("add g_ether (line 5)");
        assertThat(conf.add("g_ether")).isNull();
        assertThat(new String(conf.render(), UTF_8)).isEqualTo("# loaded at boot\n; old style comment\ni2c-dev\n\ng_ether\n");
    }

    @Test
    void dashAndUnderscoreNameTheSameModule() throws BootFileException {
        ModulesLoadConf conf = parse("i2c_dev\n");
        assertThat(conf.contains("i2c-dev")).isTrue();
        assertThat(conf.add("i2c-dev")).isNull();
    }

    @Test
    void aFileWithoutFinalNewlineGetsOneBeforeTheNewLine() throws BootFileException {
        ModulesLoadConf conf = parse("i2c-dev");
        conf.add("g_ether");
        assertThat(new String(conf.render(), UTF_8)).isEqualTo("i2c-dev\ng_ether\n");
    }

    @Test
    void aNewFileIsJustTheModule() throws BootFileException {
        ModulesLoadConf conf = ModulesLoadConf.parse(new byte[0], "new.conf");
        conf.add("g_ether");
        assertThat(new String(conf.render(), UTF_8)).isEqualTo("g_ether\n");
    }

    @Test
    void removesEveryLineNamingIt() throws BootFileException {
        ModulesLoadConf conf = parse("g_ether\ni2c-dev\ng-ether\n");
        assertThat(conf.remove("g_ether")).containsExactly("remove g_ether (line 1)", "remove g_ether (line 3)");
        assertThat(new String(conf.render(), UTF_8)).isEqualTo("i2c-dev\n");
    }

    @Test
    void optionsOnAModuleLineAreRefusedWithFileAndLine() {
        assertThatThrownBy(() -> parse("i2c-dev\ng_ether dev_addr=02:00:00:00:00:01\n"))
                .isInstanceOf(BootFileException.class)
                .hasMessage("/etc/modules-load.d/zerocluster.conf line 2: 'g_ether dev_addr=02:00:00:00:00:01' is not"
                        + " a module name (one name per line, options belong in /etc/modprobe.d)");
    }
}
