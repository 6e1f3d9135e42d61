package dev.zerocluster.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The project's one JSON configuration: nulls are written (SPEC §4 wants them), dates are text. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** Thread-safe once built; shared so each JVM pays for Jackson's introspection once. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
