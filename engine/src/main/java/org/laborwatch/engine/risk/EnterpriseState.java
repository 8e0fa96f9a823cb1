package org.laborwatch.engine.risk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Everything the engine keeps about one enterprise, as one value. One state access per signal instead of one per
 * concern is most of the operator's speed on the heap state backend, where a value is a reference, not a copy.
 * (On RocksDB each access would serialize the whole value; a city's enterprises fit the heap backend easily, see
 * docs/decisions/0001-one-state-value-per-enterprise.md.)
 *
 * <p>Public fields and a no-arg constructor; checkpoints and copies go through {@link EnterpriseStateSerializer}, which
 * must learn every new field, in a new format version ({@code EnterpriseStateSerializerTest} fails until it has).
 */
public class EnterpriseState {
    public String enterpriseName;
    public String district;
    public String industry;
    /** Signals judged in the last 180 days, oldest first: features, dedupe and evidence come from here. */
    public SignalHistory history = new SignalHistory();
    /**
     * Dedupe keys of the signals judged, with their event times: the id per source is the dedupe key (DESIGN.md),
     * whatever time a redelivery claims. Pruned with the history.
     */
    public SeenKeys seen = new SeenKeys();
    /** Latest hit per rule id; a rule firing again refreshes its hit rather than stacking points. */
    public Map<String, Hit> hits = new HashMap<>();
    public double score;
    public RiskLevel level = RiskLevel.NONE;
    /** Latest event time judged; with the TTL it decides when the enterprise is forgotten. */
    public long lastJudgedAt = Long.MIN_VALUE;
    /** How many separate RED episodes the enterprise had: what makes a repeat offender. */
    public int redEpisodes;
    /** The last event time the enterprise was judged RED, or Long.MIN_VALUE. */
    public long lastRedAt = Long.MIN_VALUE;
    /** Highest level alerted in the current suppression window, and when that window opened. */
    public RiskLevel alertedLevel = RiskLevel.NONE;
    public long alertedLevelAt = Long.MIN_VALUE;
    /**
     * When each critical rule last raised an alert. Empty and shared until the first one ({@link #criticalAlerted}):
     * few enterprises ever have one, and every new enterprise's state is promoted by the collector.
     */
    public Map<String, Long> criticalAlertedAt = Map.of();
    /**
     * Event time of the latest settlement (a rule's {@code hits.settle}, e.g. a case mediated with wages recovered),
     * or Long.MIN_VALUE. No hit dated at or before it counts, whenever its signal is judged: kept so that a late
     * signal from before the settlement adds nothing, as it would have had it arrived in time.
     */
    public long settledAt = Long.MIN_VALUE;
    /** The timer armed to check the TTL, or Long.MIN_VALUE; re-armed when it fires early, never deleted. */
    public long ttlTimer = Long.MIN_VALUE;

    /** The snapshot to publish when the state is dropped, kept only when snapshots are emitted at the end. */
    public FinalSnapshot finalSnapshot;

    /**
     * Signals waiting for the watermark, each under an event-time timer at its time. Empty and shared until the first
     * one ({@link #hold}): at rest nearly every enterprise has none.
     */
    public List<Signal> waiting = List.of();

    public EnterpriseState() {
    }

    /** A state holding only what still waits: an enterprise forgotten while later signals of it wait. */
    static EnterpriseState waitingOnly(List<Signal> waiting) {
        EnterpriseState s = new EnterpriseState();
        s.waiting = waiting.isEmpty() ? List.of() : new ArrayList<>(waiting);
        return s;
    }

    /** Keeps a signal until the watermark passes it; its timer is the caller's to register. */
    public void hold(Signal signal) {
        if (waiting.isEmpty()) {
            waiting = new ArrayList<>(2);
        }
        waiting.add(signal);
    }

    /** The waiting signals at or before {@code time}, in judging order ({@link JudgingOrder}); the rest wait on. */
    List<Signal> takeWaitingUntil(long time) {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<Signal> due = new ArrayList<>(waiting.size());
        for (Iterator<Signal> it = waiting.iterator(); it.hasNext(); ) {
            Signal signal = it.next();
            if (signal.occurredAtMillis() <= time) {
                due.add(signal);
                it.remove();
            }
        }
        if (waiting.isEmpty()) {
            waiting = List.of();
        }
        if (due.size() > 1) {
            due.sort(JudgingOrder.SIGNALS);
        }
        return due;
    }

    /** Nothing judged yet, or forgotten: all there is are signals waiting. */
    boolean judgedNothing() {
        return lastJudgedAt == Long.MIN_VALUE;
    }

    /** Records the signal as seen; false when it was seen before, i.e. this is a redelivery. */
    boolean firstSighting(Signal signal) {
        return seen.add(signal.source(), signal.id(), signal.occurredAtMillis());
    }

    /** Whether the enterprise has judged this signal (by its dedupe key) within the history it keeps. */
    boolean hasSeen(Signal signal) {
        return seen.contains(signal.source(), signal.id());
    }

    void criticalAlerted(String ruleId, long at) {
        if (criticalAlertedAt.isEmpty()) {
            criticalAlertedAt = new HashMap<>();
        }
        criticalAlertedAt.put(ruleId, at);
    }

    /** Forgets dedupe keys older than the history keeps, once they clearly outnumber what is kept. */
    void pruneSeen(long oldestKept) {
        if (seen.size() > 2 * history.size() + 16) {
            seen.removeOlderThan(oldestKept);
        }
    }
}
