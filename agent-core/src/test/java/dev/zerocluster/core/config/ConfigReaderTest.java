package dev.zerocluster.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("test.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private ConfigReader load(String yaml, String... overrides) throws IOException {
        return ConfigReader.load(file(yaml), List.of(overrides));
    }

    @Test
    void nestedAndDottedKeysAreTheSame() throws IOException {
        ConfigReader r = load("health:\n  interval: 5s\nlinks.usb.enabled: false\n");
        assertThat(r.duration("health.interval", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.bool("links.usb.enabled", true)).isFalse();
        r.finish();
    }

    @Test
    void absentKeysTakeTheDefault() throws IOException {
        ConfigReader r = load("");
        assertThat(r.string("cluster", "default")).isEqualTo("default");
        assertThat(r.integer("http.port", 8080, 1, 65535)).isEqualTo(8080);
        r.finish();
    }

    @Test
    void anUnknownKeyNamesFileLineAndAClosestKnownKey() throws IOException {
        ConfigReader r = load("cluster: lab\n\nhealth:\n  intervall: 5s\n");
        r.string("cluster", "default");
        r.duration("health.interval", Duration.ofSeconds(10));
        assertThatThrownBy(r::finish).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("test.yaml") + " line 4: unknown key 'health.intervall' (did you mean"
                        + " 'health.interval'?)");
    }

    @Test
    void aWrongTypeSaysWhatWasExpected() throws IOException {
        ConfigReader r = load("links:\n  usb:\n    enabled: maybe\n");
        assertThatThrownBy(() -> r.bool("links.usb.enabled", true)).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("test.yaml") + " line 3: key 'links.usb.enabled': expected true or false,"
                        + " found 'maybe'");
    }

    @Test
    void aListWhereAScalarBelongsIsAWrongType() throws IOException {
        ConfigReader r = load("cluster: [a, b]\n");
        assertThatThrownBy(() -> r.string("cluster", "default")).hasMessageContaining("line 1")
                .hasMessageContaining("'cluster'").hasMessageContaining("found a list");
    }

    @Test
    void aBadDurationIsRefused() throws IOException {
        for (String bad : new String[] {"ten", "10", "10 parsecs", "0s", "-5s", "25h"}) {
            ConfigReader r = load("health:\n  interval: " + bad + "\n");
            assertThatThrownBy(() -> r.duration("health.interval", Duration.ofSeconds(10)))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(dir.resolve("test.yaml") + " line 2: key 'health.interval': expected"
                            + " a duration such as 500ms, 10s, 2m or 1h");
        }
    }

    @Test
    void durationsInEveryUnit() throws IOException {
        ConfigReader r = load("a: 250ms\nb: 10s\nc: 1.5m\nd: 2h\n");
        assertThat(r.duration("a", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(r.duration("b", null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.duration("c", null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(r.duration("d", null)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aBadCidrIsRefused() throws IOException {
        for (String bad : new String[] {"10.42.0.1", "10.42.0.256/24", "10.42.0.1/33", "10.42.0/24", "zc0/24",
            "010.42.0.1/24"}) {
            ConfigReader r = load("network:\n  address: \"" + bad + "\"\n");
            assertThatThrownBy(() -> r.parsed("network.address", null, "an address with prefix", Cidr::parse))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(dir.resolve("test.yaml") + " line 2: key 'network.address': expected an"
                            + " address with prefix");
        }
    }

    @Test
    void anInvalidNodeIdIsRefused() throws IOException {
        for (String bad : new String[] {"Zero-1", "-zero", "zero_1", "zero/1", "+", "#", "a".repeat(64)}) {
            ConfigReader r = load("node:\n  id: \"" + bad + "\"\n");
            assertThatThrownBy(() -> r.parsed("node.id", null, NodeId.RULE, NodeId::of)).as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(dir.resolve("test.yaml") + " line 2: key 'node.id': expected");
        }
    }

    @Test
    void aMissingFileIsAConfigError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigReader.load(missing, List.of())).isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + missing + " does not exist");
    }

    @Test
    void invalidYamlNamesTheLine() throws IOException {
        assertThatThrownBy(() -> load("cluster: lab\nhealth:\n  interval: [5s\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(dir.resolve("test.yaml").toString())
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aTopLevelListIsRefused() throws IOException {
        assertThatThrownBy(() -> load("- a\n- b\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a mapping");
    }

    @Test
    void aKeyWrittenTwiceIsRefused() throws IOException {
        assertThatThrownBy(() -> load("health:\n  interval: 5s\nhealth.interval: 6s\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'health.interval' is set twice");
        assertThatThrownBy(() -> load("cluster: a\ncluster: b\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 2: key 'cluster' appears twice");
    }

    @Test
    void overridesWinAndAreNamedInErrors() throws IOException {
        ConfigReader r = load("health:\n  interval: 5s\n", "health.interval=7s", "links.usb.enabled=false");
        assertThat(r.duration("health.interval", null)).isEqualTo(Duration.ofSeconds(7));
        assertThat(r.bool("links.usb.enabled", true)).isFalse();

        ConfigReader bad = load("", "health.interval=soon");
        assertThatThrownBy(() -> bad.duration("health.interval", null))
                .hasMessageStartingWith("--set health.interval: key 'health.interval': expected a duration");

        ConfigReader unknown = load("", "helth.interval=5s");
        unknown.duration("health.interval", null);
        assertThatThrownBy(unknown::finish).hasMessage("--set helth.interval: unknown key 'helth.interval' (did you"
                + " mean 'health.interval'?)");
    }

    @Test
    void anOverrideWithoutEqualsIsRefused() {
        assertThatThrownBy(() -> ConfigReader.load(null, List.of("health.interval"))).isInstanceOf(ConfigException.class)
                .hasMessage("--set expects key=value, got 'health.interval'");
    }

    @Test
    void integersAreRangeChecked() throws IOException {
        ConfigReader r = load("http:\n  port: 70000\n");
        assertThatThrownBy(() -> r.integer("http.port", 8080, 1, 65535))
                .hasMessage(dir.resolve("test.yaml") + " line 2: key 'http.port': expected a whole number from 1 to"
                        + " 65535, found the number 70000");
    }

    @Test
    void listsOfMappingsReportTheirIndex() throws IOException {
        ConfigReader r = load("ports:\n  - device: /dev/ttyAMA0\n    baud: fast\n");
        ConfigReader port = r.mappings("ports").get(0);
        port.string("device", null);
        assertThatThrownBy(() -> port.integer("baud", 1, 1, 10)).hasMessageContaining("line 3")
                .hasMessageContaining("key 'ports[0].baud'");
    }

    enum Mode { OFF, ON, KEEP }

    @Test
    void choicesAcceptYamlBooleanWordsAsText() throws IOException {
        ConfigReader r = load("a: off\nb: keep\nc: sometimes\n");
        assertThat(r.choice("a", Mode.KEEP)).isEqualTo(Mode.OFF);
        assertThat(r.choice("b", Mode.OFF)).isEqualTo(Mode.KEEP);
        assertThatThrownBy(() -> r.choice("c", Mode.OFF)).hasMessageContaining("expected one of off|on|keep");
    }
}
