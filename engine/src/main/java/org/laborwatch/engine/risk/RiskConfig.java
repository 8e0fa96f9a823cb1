package org.laborwatch.engine.risk;

import java.io.Serializable;
import java.time.Duration;
import org.laborwatch.engine.config.EngineConfig;

/**
 * The knobs of risk keeping, all in event time; their values come from the engine's configuration
 * ({@code config/laborwatch.properties}, {@link EngineConfig}).
 *
 * @param halfLife            how fast a hit's points fade (DESIGN.md default: 30 days)
 * @param lateness            how far behind event time a signal of each source may still be judged; later ones are
 *                            dead letters
 * @param suppression         how long an alert of a level, or of a critical rule, silences repeats of it
 * @param idleTtl             how long an enterprise may stay silent before its state is dropped
 * @param maxEvidenceSignals  how many signals an alert carries as evidence
 * @param snapshots           when risk snapshots are emitted
 * @param aheadAfter          a signal dated further than this past event time is counted as ahead of the stream
 */
public record RiskConfig(Duration halfLife, SourceLateness lateness, Duration suppression, Duration idleTtl,
                         int maxEvidenceSignals, Snapshots snapshots, Duration aheadAfter) implements Serializable {

    /** When the risk operator emits an enterprise's risk snapshot. */
    public enum Snapshots {
        /** Whenever hits or the level change: for upserting stores (Elasticsearch) that always hold the latest. */
        ON_CHANGE,
        /**
         * After every signal judged, changed or not: one enterprise's whole course, step by step, for explaining it
         * ({@code rules explain}). Never for a whole city: most snapshots would say nothing new.
         */
        EVERY_SIGNAL,
        /**
         * Once, with the enterprise's final state, when its state is dropped: at the end of a bounded input or after
         * the idle TTL. For file runs, where every intermediate snapshot would be written only to be thrown away.
         */
        FINAL
    }

    /** What {@code config/laborwatch.properties}, as bundled with the engine, says. */
    public static RiskConfig defaults() {
        return EngineConfig.bundled().risk();
    }

    public RiskConfig withSnapshots(Snapshots when) {
        return new RiskConfig(halfLife, lateness, suppression, idleTtl, maxEvidenceSignals, when, aheadAfter);
    }

    public RiskConfig withLateness(SourceLateness limits) {
        return new RiskConfig(halfLife, limits, suppression, idleTtl, maxEvidenceSignals, snapshots, aheadAfter);
    }
}
