package org.laborwatch.connectors.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;

/**
 * The wire form of an output record (alert, risk snapshot, dead letter): the same JSON in files, Kafka and
 * Elasticsearch. Times are written as ISO-8601 with the city's offset, which is what the agencies read.
 */
public final class RecordCodec<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final ZoneId zone;
    private transient ObjectMapper mapper;

    private RecordCodec(Class<T> type, ZoneId zone) {
        this.type = type;
        this.zone = zone;
    }

    public static RecordCodec<Alert> alerts(ZoneId zone) {
        return new RecordCodec<>(Alert.class, zone);
    }

    public static RecordCodec<RiskSnapshot> riskSnapshots(ZoneId zone) {
        return new RecordCodec<>(RiskSnapshot.class, zone);
    }

    /**
     * Published rule sets ({@code lw.rules}): {@code {"version": ..., "sources": {"file.drl": "...", "table.csv":
     * "...", "table.xlsx": "<base64 of the workbook>"}}}; decision tables travel as saved, not as generated DRL.
     */
    public static RecordCodec<RuleSet> ruleSets(ZoneId zone) {
        return new RecordCodec<>(RuleSet.class, zone);
    }

    /** What became of each published rule set in a job ({@code lw.rules.events}). */
    public static RecordCodec<RuleSetEvent> ruleSetEvents(ZoneId zone) {
        return new RecordCodec<>(RuleSetEvent.class, zone);
    }

    /** Any other record type of the wire: plain Jackson with the city's times. */
    public static <T> RecordCodec<T> of(Class<T> type, ZoneId zone) {
        return new RecordCodec<>(type, zone);
    }

    public static RecordCodec<DeadLetter> deadLetters(ZoneId zone) {
        return new RecordCodec<>(DeadLetter.class, zone);
    }

    public String encode(T value) {
        return new String(encodeBytes(value), StandardCharsets.UTF_8);
    }

    public byte[] encodeBytes(T value) {
        ByteArrayBuilder out = new ByteArrayBuilder(mapper().getFactory()._getBufferRecycler());
        try {
            encodeTo(value, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /** Writes the record to {@code out}, leaving the stream open. */
    public void encodeTo(T value, OutputStream out) {
        try (JsonGenerator g = mapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (!OutputJson.write(value, g, zone)) {
                mapper().writeValue(g, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /** From UTF-8 bytes, as a file or a Kafka record holds them: no string to make first. */
    public T decode(byte[] utf8, int offset, int length) {
        try {
            return mapper().readValue(utf8, offset, length, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T decode(String json) {
        try {
            return mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = newMapper(zone);
        }
        return mapper;
    }

    /**
     * The wire's Jackson configuration (times in the city's offset, unknown fields ignored), for clients that decode
     * records themselves, such as the Elasticsearch client of the service.
     */
    public static ObjectMapper objectMapper(ZoneId zone) {
        return newMapper(zone);
    }

    static ObjectMapper newMapper(ZoneId zone) {
        SimpleModule times = new SimpleModule("city-time");
        times.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(IsoTime.format(value, zone));
            }
        });
        times.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return OffsetDateTime.parse(p.getValueAsString()).toInstant();
            }
        });
        // Days (a backtest's range in a workbench job) as ISO dates, the form the templates map as dates.
        times.addSerializer(LocalDate.class, new JsonSerializer<>() {
            @Override
            public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.toString());
            }
        });
        times.addDeserializer(LocalDate.class, new JsonDeserializer<>() {
            @Override
            public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return LocalDate.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper()
                .registerModule(times)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
