package dev.zerocluster.master.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZcMasterCliTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZcMaster.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void helpOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"status", "--help"}, {"cmd", "--help"}}) {
            Outcome o = run(args);
            assertThat(o.code()).isZero();
            assertThat(o.out()).contains("Usage: zc-master");
        }
        assertThat(run("--help").out()).contains("run").contains("status").contains("cmd");
    }

    @Test
    void runChecksItsConfigurationFirst() throws IOException {
        Path f = dir.resolve("master.yaml");
        Files.writeString(f, "network:\n  address: 10.42.0.1/33\n");
        Outcome o = run("run", "--config", f.toString());
        assertThat(o.code()).isEqualTo(78);
        assertThat(o.err()).contains(f + " line 2: key 'network.address'");
    }

    @Test
    void usageErrorsExit2() {
        assertThat(run("status", "--bogus").code()).isEqualTo(2);
        assertThat(run("cmd", "zero-1").code()).isEqualTo(2);
    }

    @Test
    void laterCommandsSayNotYetAvailable() {
        Outcome o = run("cmd", "zero-1", "ping");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("not yet available");
    }
}
