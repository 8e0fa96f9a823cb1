package org.laborwatch.engine.risk;

import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of risk keeping, all in event time.
 *
 * @param halfLife            how fast a hit's points fade (DESIGN.md default: 30 days)
 * @param allowedLateness     how far behind the watermark a signal may still be judged; later ones are dead letters
 * @param suppression         how long an alert of a level, or of a critical rule, silences repeats of it
 * @param idleTtl             how long an enterprise may stay silent before its state is dropped
 * @param maxEvidenceSignals  how many signals an alert carries as evidence
 * @param snapshots           when risk snapshots are emitted
 */
public record RiskConfig(Duration halfLife, Duration allowedLateness, Duration suppression, Duration idleTtl,
                         int maxEvidenceSignals, Snapshots snapshots) implements Serializable {

    /** When the risk operator emits an enterprise's risk snapshot. */
    public enum Snapshots {
        /** Whenever hits or the level change: for upserting stores (Elasticsearch) that always hold the latest. */
        ON_CHANGE,
        /**
         * Once, with the enterprise's final state, when its state is dropped: at the end of a bounded input or after
         * the idle TTL. For file runs, where every intermediate snapshot would be written only to be thrown away.
         */
        FINAL
    }

    public static RiskConfig defaults() {
        return new RiskConfig(Duration.ofDays(30), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(365), 10,
                Snapshots.ON_CHANGE);
    }

    public RiskConfig withSnapshots(Snapshots when) {
        return new RiskConfig(halfLife, allowedLateness, suppression, idleTtl, maxEvidenceSignals, when);
    }
}
