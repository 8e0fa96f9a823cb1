package org.laborwatch.connectors.elasticsearch;

import java.nio.charset.StandardCharsets;
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

    /** An alert once, under its deterministic id; {@code json} is the alert as lw.alerts carries it. */
    public static EsAction alert(Alert alert, byte[] json) {
        return EsAction.create(ALERTS, alert.id(), json);
    }

    /** The latest risk of an enterprise, never replaced by an older one; {@code json} as lw.risk carries it. */
    public static EsAction risk(RiskSnapshot risk, byte[] json) {
        return EsAction.versioned(RISK, risk.enterpriseId(), Math.max(0, risk.asOf().toEpochMilli()), json);
    }

    /** The signal archive that replays read from, one document per dedupe key, in the codec's normal form. */
    public static EsAction signal(Signal signal, SignalCodec codec) {
        return EsAction.create(SIGNALS, signalId(signal), codec.encode(signal).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code SOURCE:id}: ids are unique per source (DESIGN.md). */
    public static String signalId(Signal signal) {
        return (signal.source() == null ? "" : signal.source().name()) + ":" + signal.id();
    }
}
