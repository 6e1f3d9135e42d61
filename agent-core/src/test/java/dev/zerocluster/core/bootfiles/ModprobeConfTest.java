package dev.zerocluster.core.bootfiles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModprobeConfTest {

    static ModprobeConf parse(String text) throws BootFileException {
        return ModprobeConf.parse(text.getBytes(UTF_8), "/etc/modprobe.d/g_ether.conf");
    }

    @Test
    void aNewOptionGoesOnTheModulesOptionsLine() throws BootFileException {
        ModprobeConf conf = parse("# gadget identity\noptions g_ether idVendor=0x2E8A idProduct=0x0013\nblacklist foo\n");
        assertThat(conf.setOption("g_ether", "dev_addr", "02:00:e5:f6:a7:b8"))
                .isEqualTo("options g_ether: add dev_addr=02:00:e5:f6:a7:b8 (line 2)");
        assertThat(new String(conf.render(), UTF_8)).isEqualTo("# gadget identity\n"
                + "options g_ether idVendor=0x2E8A idProduct=0x0013 dev_addr=02:00:e5:f6:a7:b8\nblacklist foo\n");
    }

    @Test
    void anExistingOptionIsRewrittenInPlaceAndASecondRunChangesNothing() throws BootFileException {
        ModprobeConf conf = parse("options g_ether dev_addr=02:00:00:00:00:01 host_addr=02:01:00:00:00:01\n");
        assertThat(conf.setOption("g_ether", "dev_addr", "02:00:e5:f6:a7:b8"))
                .isEqualTo("options g_ether: dev_addr=02:00:e5:f6:a7:b8 (line 1)");
        assertThat(conf.setOption("g_ether", "dev_addr", "02:00:e5:f6:a7:b8")).isNull();
        assertThat(conf.option("g_ether", "dev_addr")).isEqualTo("02:00:e5:f6:a7:b8");
        assertThat(conf.option("g_ether", "host_addr")).isEqualTo("02:01:00:00:00:01");
        assertThat(new String(conf.render(), UTF_8))
                .isEqualTo("options g_ether dev_addr=02:00:e5:f6:a7:b8 host_addr=02:01:00:00:00:01\n");
    }

    @Test
    void withoutAnOptionsLineOneIsAppended() throws BootFileException {
        ModprobeConf conf = ModprobeConf.parse(new byte[0], "new.conf");
        conf.setOption("g_ether", "dev_addr", "02:00:e5:f6:a7:b8");
        conf.setOption("g_ether", "host_addr", "02:01:e5:f6:a7:b8");
        assertThat(new String(conf.render(), UTF_8))
                .isEqualTo("options g_ether dev_addr=02:00:e5:f6:a7:b8 host_addr=02:01:e5:f6:a7:b8\n");
    }

    @Test
    void theLastValueAcrossLinesWinsAsInModprobe() throws BootFileException {
        ModprobeConf conf = parse("options g_ether qmult=5\noptions g-ether qmult=10\n");
        assertThat(conf.option("g_ether", "qmult")).isEqualTo("10");
    }

    @Test
    void aContinuedCommandIsReadButNotReflowed() throws BootFileException {
        ModprobeConf conf = parse("options g_ether \\\n  dev_addr=02:00:00:00:00:01\n");
        assertThat(conf.option("g_ether", "dev_addr")).isEqualTo("02:00:00:00:00:01");
        assertThatThrownBy(() -> conf.setOption("g_ether", "dev_addr", "02:00:e5:f6:a7:b8"))
                .hasMessage("/etc/modprobe.d/g_ether.conf line 1: the options for this module continue over 2 lines;"
                        + " edit them by hand");
    }

    @Test
    void anUnknownCommandIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> parse("# ok\n\noption g_ether dev_addr=02:00:00:00:00:01\n"))
                .isInstanceOf(BootFileException.class)
                .hasMessageStartingWith("/etc/modprobe.d/g_ether.conf line 3: unknown command 'option'");
    }
}
