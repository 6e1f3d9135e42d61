package dev.zerocluster.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTopLevelTextField() throws IOException {
        assertThat(JsonFields.text(json("{\"key\":\"ssh-ed25519 AAAA x@y\"}"), "key")).isEqualTo("ssh-ed25519 AAAA x@y");
        assertThat(JsonFields.text(json("{\"a\":{\"key\":\"inner\"},\"b\":[1,{\"key\":2}],\"key\":\"k\\u00e9\"}"), "key"))
                .as("nested fields of the same name are skipped").isEqualTo("ké");
        assertThat(JsonFields.text(json("{\"key\":\"one\",\"key\":\"two\"}"), "key")).as("the last one").isEqualTo("two");
    }

    @Test
    void absentNullOrNotTextIsNull() throws IOException {
        assertThat(JsonFields.text(json("{}"), "key")).isNull();
        assertThat(JsonFields.text(json("{\"key\":null}"), "key")).isNull();
        assertThat(JsonFields.text(json("{\"key\":5}"), "key")).isNull();
        assertThat(JsonFields.text(json("{\"key\":{\"x\":\"y\"}}"), "key")).isNull();
        assertThat(JsonFields.text(json("[\"key\"]"), "key")).isNull();
        assertThat(JsonFields.text(json("\"key\""), "key")).isNull();
        assertThat(JsonFields.text(json(""), "key")).as("an empty payload, as databind's readTree").isNull();
    }

    @Test
    void malformedJsonFails() {
        assertThatThrownBy(() -> JsonFields.text(json("{\"key\":\"k\""), "key")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonFields.text(json("{\"key\":\"k\",\"x\":}"), "key")).isInstanceOf(IOException.class);
    }

    @Test
    void onlyAnOnlineStatusSaysOnline() throws Exception {
        MessageWriter writer = new MessageWriter();
        assertThat(JsonFields.saysOnline(writer.status(new StatusMessage("online", "master", "2026-11-26T18:00:00Z",
                "startup", "0.1.0", null, null)))).isTrue();
        assertThat(JsonFields.saysOnline(writer.status(new StatusMessage("offline", "master", "2026-11-26T18:00:00Z",
                "connection-lost", "0.1.0", null, null)))).isFalse();
        assertThat(JsonFields.saysOnline(json("{\"state\":\"online\""))).as("truncated").isFalse();
        assertThat(JsonFields.saysOnline(json("{\"state\":[\"online\"]}"))).isFalse();
        assertThat(JsonFields.saysOnline(json("not json"))).isFalse();
        assertThat(JsonFields.saysOnline(new byte[0])).isFalse();
    }
}
