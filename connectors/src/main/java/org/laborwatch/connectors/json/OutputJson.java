package org.laborwatch.connectors.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.risk.SignalSummary;

/**
 * Writes alerts and risk snapshots field by field on a streaming generator: the same bytes as Jackson's data binding
 * with {@link RecordCodec}'s settings (fields in record order, nulls left out, times in the city's offset), which
 * {@code OutputJsonTest} checks.
 *
 * <p>Why by hand: every alert and snapshot the engine raises is encoded on the risk operator's thread, and data
 * binding reached each of the ~30 values of an alert through a reflective accessor call. That was a seventh of the
 * operator's time in profiles (docs/benchmarks.md). Decoding still goes through data binding: it is off the hot path.
 */
final class OutputJson {
    private final JsonGenerator g;
    private final ZoneId zone;
    /** Times are formatted here and written from here: no string per time. */
    private final char[] time = new char[IsoTime.MAX_LENGTH];

    private OutputJson(JsonGenerator g, ZoneId zone) {
        this.g = g;
        this.zone = zone;
    }

    /** Writes one record of a type this class knows; false for any other, which the caller binds as before. */
    static boolean write(Object value, JsonGenerator g, ZoneId zone) throws IOException {
        if (value instanceof Alert alert) {
            new OutputJson(g, zone).alert(alert);
            return true;
        }
        if (value instanceof RiskSnapshot snapshot) {
            new OutputJson(g, zone).riskSnapshot(snapshot);
            return true;
        }
        return false;
    }

    private void alert(Alert a) throws IOException {
        g.writeStartObject();
        string("id", a.id());
        string("enterpriseId", a.enterpriseId());
        string("enterpriseName", a.enterpriseName());
        string("district", a.district());
        string("industry", a.industry());
        name("level", a.level());
        name("previousLevel", a.previousLevel());
        g.writeNumberField("score", a.score());
        g.writeNumberField("previousScore", a.previousScore());
        time("raisedAt", a.raisedAt());
        string("triggerSignalId", a.triggerSignalId());
        string("ruleSetVersion", a.ruleSetVersion());
        g.writeBooleanField("critical", a.critical());
        agencies(a.agencies());
        hits(a.hits());
        g.writeFieldName("signals");
        g.writeStartArray();
        for (SignalSummary s : a.signals()) {
            signal(s);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void riskSnapshot(RiskSnapshot r) throws IOException {
        g.writeStartObject();
        string("enterpriseId", r.enterpriseId());
        string("enterpriseName", r.enterpriseName());
        string("district", r.district());
        string("industry", r.industry());
        g.writeNumberField("score", r.score());
        name("level", r.level());
        time("asOf", r.asOf());
        hits(r.hits());
        g.writeFieldName("features");
        g.writeStartObject();
        for (Map.Entry<String, Double> e : r.features().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        string("ruleSetVersion", r.ruleSetVersion());
        g.writeEndObject();
    }

    private void hits(List<Hit> hits) throws IOException {
        g.writeFieldName("hits");
        g.writeStartArray();
        for (Hit h : hits) {
            g.writeStartObject();
            string("ruleId", h.ruleId());
            g.writeNumberField("points", h.points());
            string("reason", h.reason());
            g.writeFieldName("signalIds");
            g.writeStartArray();
            for (String id : h.signalIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            time("at", h.at());
            agencies(h.agencies());
            g.writeBooleanField("critical", h.critical());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void signal(SignalSummary s) throws IOException {
        g.writeStartObject();
        string("id", s.id());
        name("type", s.type());
        time("occurredAt", s.occurredAt());
        number("amount", s.amount());
        number("workers", s.workers());
        number("months", s.months());
        g.writeEndObject();
    }

    private void agencies(List<Agency> agencies) throws IOException {
        g.writeFieldName("agencies");
        g.writeStartArray();
        for (Agency agency : agencies) {
            g.writeString(agency.name());
        }
        g.writeEndArray();
    }

    private void string(String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private void number(String field, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    private void number(String field, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    private void name(String field, Enum<?> value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value.name());
        }
    }

    private void time(String field, Instant value) throws IOException {
        if (value != null) {
            g.writeFieldName(field);
            g.writeString(time, 0, IsoTime.format(value, zone, time));
        }
    }
}
