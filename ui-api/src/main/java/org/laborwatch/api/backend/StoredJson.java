package org.laborwatch.api.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import org.laborwatch.connectors.json.RecordCodec;

/**
 * Reads documents that Elasticsearch answered as Jackson trees into the engine's records, with the engine's codec
 * settings. Searches ask for {@link JsonNode} documents, which the client parses straight from the response; its own
 * {@code JsonData} went through a second tree of another JSON library, which cost a third of a lookup.
 */
public final class StoredJson {
    /** Reading only: times are read whatever their offset, so the zone here is never used. */
    private static final ObjectMapper READER = RecordCodec.objectMapper(ZoneOffset.UTC);

    private StoredJson() {
    }

    public static <T> T as(JsonNode node, Class<T> type) {
        try {
            return READER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored document is not a " + type.getSimpleName(), e);
        }
    }

    public static <T> T as(JsonNode node, TypeReference<T> type) {
        return READER.convertValue(node, type);
    }
}
