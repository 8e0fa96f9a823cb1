package org.laborwatch.connectors.elasticsearch;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;

/** What each record becomes in Elasticsearch: the index, the id that makes its write idempotent, the JSON. */
public final class Documents {
    public static final String ALERTS = "lw-alerts";
    public static final String RISK = "lw-risk";
    public static final String SIGNALS = "lw-signals";

    private Documents() {
    }

    /** An alert once, under its deterministic id. */
    public static ElementConverter<Alert, EsAction> alerts(RecordCodec<Alert> codec) {
        return new Converter<>() {
            @Override
            public EsAction apply(Alert alert, SinkWriter.Context context) {
                return EsAction.create(ALERTS, alert.id(), codec.encodeBytes(alert));
            }
        };
    }

    /** The latest risk of an enterprise, never replaced by an older one. */
    public static ElementConverter<RiskSnapshot, EsAction> risk(RecordCodec<RiskSnapshot> codec) {
        return new Converter<>() {
            @Override
            public EsAction apply(RiskSnapshot risk, SinkWriter.Context context) {
                return EsAction.versioned(RISK, risk.enterpriseId(), Math.max(0, risk.asOf().toEpochMilli()),
                        codec.encodeBytes(risk));
            }
        };
    }

    /** The signal archive that replays read from, one document per dedupe key. */
    public static ElementConverter<Signal, EsAction> signals(SignalCodec codec) {
        return new Converter<>() {
            @Override
            public EsAction apply(Signal signal, SinkWriter.Context context) {
                return EsAction.create(SIGNALS, signalId(signal),
                        codec.encode(signal).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** {@code SOURCE:id}: ids are unique per source (DESIGN.md). */
    public static String signalId(Signal signal) {
        return (signal.source() == null ? "" : signal.source().name()) + ":" + signal.id();
    }

    /** Converters are shipped to the task managers inside the sink. */
    private abstract static class Converter<T> implements ElementConverter<T, EsAction> {
        private static final long serialVersionUID = 1L;
    }
}
