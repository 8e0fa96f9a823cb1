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

    private OutputJson() {
    }

    /** Writes one record of a type this class knows; false for any other, which the caller binds as before. */
    static boolean write(Object value, JsonGenerator g, ZoneId zone) throws IOException {
        if (value instanceof Alert alert) {
            alert(alert, g, zone);
            return true;
        }
        if (value instanceof RiskSnapshot snapshot) {
            riskSnapshot(snapshot, g, zone);
            return true;
        }
        return false;
    }

    static void alert(Alert a, JsonGenerator g, ZoneId zone) throws IOException {
        g.writeStartObject();
        string(g, "id", a.id());
        string(g, "enterpriseId", a.enterpriseId());
        string(g, "enterpriseName", a.enterpriseName());
        string(g, "district", a.district());
        string(g, "industry", a.industry());
        name(g, "level", a.level());
        name(g, "previousLevel", a.previousLevel());
        g.writeNumberField("score", a.score());
        g.writeNumberField("previousScore", a.previousScore());
        time(g, "raisedAt", a.raisedAt(), zone);
        string(g, "triggerSignalId", a.triggerSignalId());
        string(g, "ruleSetVersion", a.ruleSetVersion());
        g.writeBooleanField("critical", a.critical());
        agencies(g, a.agencies());
        hits(g, a.hits(), zone);
        g.writeFieldName("signals");
        g.writeStartArray();
        for (SignalSummary s : a.signals()) {
            signal(s, g, zone);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void riskSnapshot(RiskSnapshot r, JsonGenerator g, ZoneId zone) throws IOException {
        g.writeStartObject();
        string(g, "enterpriseId", r.enterpriseId());
        string(g, "enterpriseName", r.enterpriseName());
        string(g, "district", r.district());
        string(g, "industry", r.industry());
        g.writeNumberField("score", r.score());
        name(g, "level", r.level());
        time(g, "asOf", r.asOf(), zone);
        hits(g, r.hits(), zone);
        g.writeFieldName("features");
        g.writeStartObject();
        for (Map.Entry<String, Double> e : r.features().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        string(g, "ruleSetVersion", r.ruleSetVersion());
        g.writeEndObject();
    }

    private static void hits(JsonGenerator g, List<Hit> hits, ZoneId zone) throws IOException {
        g.writeFieldName("hits");
        g.writeStartArray();
        for (Hit h : hits) {
            g.writeStartObject();
            string(g, "ruleId", h.ruleId());
            g.writeNumberField("points", h.points());
            string(g, "reason", h.reason());
            g.writeFieldName("signalIds");
            g.writeStartArray();
            for (String id : h.signalIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            time(g, "at", h.at(), zone);
            agencies(g, h.agencies());
            g.writeBooleanField("critical", h.critical());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void signal(SignalSummary s, JsonGenerator g, ZoneId zone) throws IOException {
        g.writeStartObject();
        string(g, "id", s.id());
        name(g, "type", s.type());
        time(g, "occurredAt", s.occurredAt(), zone);
        if (s.amount() != null) {
            g.writeNumberField("amount", s.amount());
        }
        if (s.workers() != null) {
            g.writeNumberField("workers", s.workers());
        }
        if (s.months() != null) {
            g.writeNumberField("months", s.months());
        }
        g.writeEndObject();
    }

    private static void agencies(JsonGenerator g, List<Agency> agencies) throws IOException {
        g.writeFieldName("agencies");
        g.writeStartArray();
        for (Agency agency : agencies) {
            g.writeString(agency.name());
        }
        g.writeEndArray();
    }

    private static void string(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void name(JsonGenerator g, String field, Enum<?> value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value.name());
        }
    }

    private static void time(JsonGenerator g, String field, Instant value, ZoneId zone) throws IOException {
        if (value != null) {
            g.writeStringField(field, IsoTime.format(value, zone));
        }
    }
}
