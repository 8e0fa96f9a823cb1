package org.laborwatch.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

/**
 * Decodes a signal from one JSON object and validates it against DESIGN.md; the only place that knows the wire form.
 *
 * <p>Streams tokens rather than binding a tree: decoding is the job's throughput ceiling (STACK-NOTES.md), and a
 * rejected record must still say precisely which field was wrong. Unknown fields are ignored so sources can add
 * fields before the engine knows them.
 */
public final class SignalCodec implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Records longer than this are rejected, and dead letters keep at most this much of the raw input. */
    public static final int MAX_RECORD_CHARS = 64 * 1024;
    private static final JsonFactory JSON = new JsonFactory();
    /** Times before this are typing errors, not history the programme could act on. */
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    /** Ten trillion yuan: anything larger is a unit or typing error, and would overflow the features' sums. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1e13");

    private final ZoneId zone;
    private final Set<String> districts;
    private final Set<String> creditCodeAllowlist;
    private final Duration futureTolerance;
    private final Clock clock;

    public SignalCodec(ZoneId zone, Set<String> districts, Set<String> creditCodeAllowlist, Duration futureTolerance,
                       Clock clock) {
        this.zone = zone;
        this.districts = Set.copyOf(districts);
        this.creditCodeAllowlist = Set.copyOf(creditCodeAllowlist);
        this.futureTolerance = futureTolerance;
        this.clock = clock;
    }

    /** Qingdao's districts, no allowlist, one day of tolerance for clocks ahead of ours. */
    public static SignalCodec defaults() {
        return new SignalCodec(ZoneId.of("Asia/Shanghai"), Districts.qingdao(), Set.of(), Duration.ofDays(1),
                Clock.systemUTC());
    }

    public SignalCodec withAllowlist(Set<String> allowlist) {
        return new SignalCodec(zone, districts, allowlist, futureTolerance, clock);
    }

    public SignalCodec withClock(Clock newClock) {
        return new SignalCodec(zone, districts, creditCodeAllowlist, futureTolerance, newClock);
    }

    public ZoneId zone() {
        return zone;
    }

    public Decoded decode(String raw, String origin) {
        try {
            return new Decoded.Accepted(parse(raw));
        } catch (Invalid | RuntimeException e) {
            return rejected(e, raw, origin);
        }
    }

    /**
     * Decodes a record from its UTF-8 bytes as they arrived, parsing the bytes directly; the text and the origin
     * ({@code source:position}) are built only when the record becomes a dead letter.
     */
    public Decoded decode(byte[] utf8, String source, long position) {
        if (utf8.length > MAX_RECORD_CHARS) {
            // Long in bytes, perhaps not in characters (Chinese takes three bytes each): let the text decide.
            return decode(new String(utf8, StandardCharsets.UTF_8), source + ":" + position);
        }
        try {
            return new Decoded.Accepted(parse(utf8));
        } catch (Invalid | RuntimeException e) {
            return rejected(e, new String(utf8, StandardCharsets.UTF_8), source + ":" + position);
        }
    }

    private Decoded.Rejected rejected(Exception e, String raw, String origin) {
        if (e instanceof Invalid invalid) {
            return new Decoded.Rejected(DeadLetter.of(invalid.code, invalid.getMessage(), raw, origin, clock.instant()));
        }
        // Whatever the parser throws on input nobody foresaw (a number too large to represent, say) is still that
        // record's problem, never the job's.
        return new Decoded.Rejected(DeadLetter.of(Rejection.BAD_FIELD, "unreadable value: " + e, raw, origin,
                clock.instant()));
    }

    private static boolean isBlank(byte[] utf8) {
        for (byte b : utf8) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Dead letter for a record the reader already knows is too long. */
    public DeadLetter oversize(String rawPrefix, long length, String origin) {
        return DeadLetter.of(Rejection.OVERSIZE, "record is " + length + " characters, the limit is "
                + MAX_RECORD_CHARS, rawPrefix + "\u2026", origin, clock.instant());
    }

    private Signal parse(String raw) throws Invalid {
        if (raw == null || raw.isBlank()) {
            throw new Invalid(Rejection.MALFORMED_JSON, "empty record");
        }
        if (raw.length() > MAX_RECORD_CHARS) {
            throw new Invalid(Rejection.OVERSIZE, "record is " + raw.length() + " characters, the limit is "
                    + MAX_RECORD_CHARS);
        }
        try {
            return parse(JSON.createParser(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Signal parse(byte[] utf8) throws Invalid {
        if (isBlank(utf8)) {
            throw new Invalid(Rejection.MALFORMED_JSON, "empty record");
        }
        try {
            return parse(JSON.createParser(utf8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Signal parse(JsonParser parser) throws Invalid {
        Fields f = new Fields();
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid(Rejection.NOT_AN_OBJECT, "a signal must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                f.read(name, p);
            }
            if (p.nextToken() != null) {
                throw new Invalid(Rejection.MALFORMED_JSON, "text after the end of the object");
            }
        } catch (JsonProcessingException e) {
            throw new Invalid(Rejection.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return validate(f);
    }

    private Signal validate(Fields f) throws Invalid {
        require(f.id, "id");
        require(f.type, "type");
        require(f.enterpriseId, "enterpriseId");
        require(f.occurredAt, "occurredAt");
        SignalType type = enumValue(SignalType.class, f.type, Rejection.UNKNOWN_TYPE, "type");
        SignalSource source = f.source == null ? null
                : enumValue(SignalSource.class, f.source, Rejection.UNKNOWN_SOURCE, "source");
        String codeProblem = CreditCode.problem(f.enterpriseId);
        if (codeProblem != null && !creditCodeAllowlist.contains(f.enterpriseId)) {
            throw new Invalid(Rejection.BAD_CREDIT_CODE, "enterpriseId " + f.enterpriseId + ": " + codeProblem);
        }
        if (f.district != null && !districts.contains(f.district)) {
            throw new Invalid(Rejection.UNKNOWN_DISTRICT, "district " + f.district + " is not one of " + districts);
        }
        Instant occurredAt = time(f.occurredAt);
        nonNegative(f.amount, "amount");
        if (f.amount != null && f.amount.compareTo(MAX_AMOUNT) >= 0) {
            throw new Invalid(Rejection.BAD_FIELD, "amount has " + (f.amount.precision() - f.amount.scale())
                    + " digits before the decimal point; anything from " + MAX_AMOUNT.toPlainString()
                    + " yuan up is a unit or typing error");
        }
        nonNegative(f.workers, "workers");
        nonNegative(f.months, "months");
        return new Signal(f.id, type, f.enterpriseId, f.enterpriseName, f.district, f.industry, source, occurredAt,
                f.amount, f.workers, f.months, f.attributes);
    }

    private Instant time(String text) throws Invalid {
        Instant at;
        try {
            at = IsoTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid(Rejection.BAD_TIME, "occurredAt " + text
                    + " is not an ISO-8601 time with offset, e.g. 2025-06-01T09:30:00+08:00");
        }
        if (at.isBefore(EARLIEST)) {
            throw new Invalid(Rejection.BAD_TIME, "occurredAt " + text + " is before " + EARLIEST);
        }
        Instant latest = clock.instant().plus(futureTolerance);
        if (at.isAfter(latest)) {
            throw new Invalid(Rejection.FUTURE_TIME, "occurredAt " + text + " is more than " + futureTolerance
                    .toHours() + " h in the future; it would move event time past every other signal");
        }
        return at;
    }

    private static void require(Object value, String field) throws Invalid {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new Invalid(Rejection.MISSING_FIELD, "required field " + field + " is missing");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, Rejection code, String field)
            throws Invalid {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(code, field + " " + text + " is not one of " + java.util.Arrays.toString(
                    type.getEnumConstants()));
        }
    }

    private static void nonNegative(Number n, String field) throws Invalid {
        if (n != null && n.doubleValue() < 0) {
            throw new Invalid(Rejection.NEGATIVE_NUMBER, field + " is " + n + ", it must be zero or more");
        }
    }

    /** The wire form of a signal, times in the city's zone. */
    public String encode(Signal s) {
        StringWriter out = new StringWriter(320);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", s.id());
            g.writeStringField("type", s.type().name());
            g.writeStringField("enterpriseId", s.enterpriseId());
            writeIfPresent(g, "enterpriseName", s.enterpriseName());
            writeIfPresent(g, "district", s.district());
            writeIfPresent(g, "industry", s.industry());
            writeIfPresent(g, "source", s.source() == null ? null : s.source().name());
            g.writeStringField("occurredAt", IsoTime.format(s.occurredAt(), zone));
            if (s.amount() != null) {
                g.writeNumberField("amount", s.amount());
            }
            if (s.workers() != null) {
                g.writeNumberField("workers", s.workers());
            }
            if (s.months() != null) {
                g.writeNumberField("months", s.months());
            }
            if (!s.attributes().isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.attributes()).entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** The fields as read, before validation; a null means absent or JSON null. */
    private static final class Fields {
        String id;
        String type;
        String enterpriseId;
        String enterpriseName;
        String district;
        String industry;
        String source;
        String occurredAt;
        BigDecimal amount;
        Integer workers;
        Integer months;
        Map<String, String> attributes;

        void read(String name, JsonParser p) throws IOException, Invalid {
            switch (name) {
                case "id" -> id = text(p, name);
                case "type" -> type = text(p, name);
                case "enterpriseId" -> enterpriseId = text(p, name);
                case "enterpriseName" -> enterpriseName = text(p, name);
                case "district" -> district = text(p, name);
                case "industry" -> industry = text(p, name);
                case "source" -> source = text(p, name);
                case "occurredAt" -> occurredAt = text(p, name);
                case "amount" -> amount = decimal(p, name);
                case "workers" -> workers = whole(p, name);
                case "months" -> months = whole(p, name);
                case "attributes" -> attributes = attributes(p);
                default -> p.skipChildren();
            }
        }

        private static String text(JsonParser p, String name) throws IOException, Invalid {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.VALUE_STRING) {
                p.skipChildren();
                throw new Invalid(Rejection.BAD_FIELD, name + " must be a string");
            }
            return p.getText();
        }

        private static BigDecimal decimal(JsonParser p, String name) throws IOException, Invalid {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDecimalValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                try {
                    return new BigDecimal(p.getText().trim());
                } catch (NumberFormatException e) {
                    throw new Invalid(Rejection.BAD_FIELD, name + " \"" + p.getText() + "\" is not a number");
                }
            }
            p.skipChildren();
            throw new Invalid(Rejection.BAD_FIELD, name + " must be a number");
        }

        private static Integer whole(JsonParser p, String name) throws IOException, Invalid {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            p.skipChildren();
            throw new Invalid(Rejection.BAD_FIELD, name + " must be a whole number");
        }

        private static Map<String, String> attributes(JsonParser p) throws IOException, Invalid {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new Invalid(Rejection.BAD_FIELD, "attributes must be an object");
            }
            SmallMap values = new SmallMap();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                    values.put(key, p.getText());
                } else if (v != JsonToken.VALUE_NULL) {
                    p.skipChildren();
                    throw new Invalid(Rejection.BAD_FIELD, "attributes." + key + " must be a plain value");
                }
            }
            return values.toMap();
        }
    }

    /**
     * Attributes as they are read, later keys replacing earlier ones. Most signals carry one or two, which become the
     * immutable map {@link Signal} would copy them into anyway, so it keeps them instead of copying a HashMap.
     */
    private static final class SmallMap {
        private String key1;
        private String value1;
        private String key2;
        private String value2;
        private Map<String, String> more;

        void put(String key, String value) {
            if (more != null) {
                more.put(key, value);
            } else if (key1 == null || key1.equals(key)) {
                key1 = key;
                value1 = value;
            } else if (key2 == null || key2.equals(key)) {
                key2 = key;
                value2 = value;
            } else {
                more = new HashMap<>();
                more.put(key1, value1);
                more.put(key2, value2);
                more.put(key, value);
            }
        }

        Map<String, String> toMap() {
            if (more != null) {
                return more;
            }
            return key1 == null ? Map.of() : key2 == null ? Map.of(key1, value1) : Map.of(key1, value1, key2, value2);
        }
    }

    /** A validation failure with its stable code; never escapes this class. */
    private static final class Invalid extends Exception {
        final Rejection code;

        Invalid(Rejection code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
