package org.laborwatch.engine.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.alert.AlertIds;
import org.laborwatch.engine.alert.Routing;
import org.laborwatch.engine.alert.Suppression;
import org.laborwatch.engine.config.Durations;
import org.laborwatch.engine.ruleset.ActiveRules;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.ruleset.RuleSchedule;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.feature.FeatureCalculator;
import org.laborwatch.rules.feature.FeatureSummary;
import org.laborwatch.rules.feature.Horizons;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.risk.SignalSummary;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.Finding;
import org.laborwatch.rules.ruleset.RuleEvaluator;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one enterprise's risk: dedupes its signals, judges them in event-time order against the active rule set,
 * scores and grades the result, and raises alerts with their explanation.
 *
 * <p>Signals wait in their enterprise's state until the watermark passes them, under an event-time timer at their
 * time, and are then judged oldest first (ties in {@link JudgingOrder}), so the outcome does not depend on how
 * sources interleave. The same code judges a bounded input in batch execution: there the watermark stands still until
 * an enterprise's input has ended, every signal waits, and the timers then judge them all in event-time order, so a
 * file's result never depends on the order of its lines.
 *
 * <p>A signal already behind the watermark is late. Within its source's allowed lateness ({@link SourceLateness}) it
 * is judged at once, with the features of its own time; beyond it, it is a duplicate if the enterprise has seen it,
 * and otherwise a {@code LATE} dead letter naming the source and the limit: never a silent drop.
 *
 * <p>A rule may settle instead of adding a hit ({@code hits.settle}: a case resolved with wages recovered). Every hit
 * dated at or before the settling signal is dropped, and the time is kept, so a signal from before it that is judged
 * later adds none: the hits do not depend on which arrived first.
 *
 * <p>Each enterprise has one timer checking its TTL. It is never moved when a signal arrives; when it fires early it
 * is re-armed at the true end of the TTL. An enterprise silent for the TTL, or whose input has ended, is forgotten
 * entirely (with its final risk snapshot, in file runs), so enterprises that closed cost nothing.
 *
 * <p>Rule sets arrive on the broadcast side; until one does, the rule set given at construction is active. A rule set
 * with a schedule (a seasonal campaign, {@link Campaign}) does not replace the base one: it is kept beside it, and
 * judges the signals dated within its days ({@link RuleSchedule}); their alerts carry its version.
 */
public class EnterpriseRiskFunction extends KeyedBroadcastProcessFunction<String, Signal, RuleSet, Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseRiskFunction.class);

    public static final OutputTag<RiskSnapshot> RISK = new OutputTag<>("risk", TypeInformation.of(RiskSnapshot.class));
    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<RuleSetEvent> RULE_SET_EVENTS =
            new OutputTag<>("rule-set-events", TypeInformation.of(RuleSetEvent.class));

    static final ValueStateDescriptor<EnterpriseState> STATE =
            new ValueStateDescriptor<>("enterprise", EnterpriseStateTypeInfo.INSTANCE);

    static final int RED_EPISODE_GAP_DAYS = 90;

    public static final String ACC_JUDGED = "signals-judged";
    public static final String ACC_DUPLICATES = "signals-duplicate";
    public static final String ACC_LATE_JUDGED = "signals-late-judged";
    /** Signals dated further past event time than {@link RiskConfig#aheadAfter} when they arrived. */
    public static final String ACC_AHEAD = "signals-ahead";
    public static final String ACC_RULE_ERRORS = "rule-errors";
    /** Rules quarantined and evaluations stopped (each also reported once on lw.rules.events). */
    public static final String ACC_RULE_INCIDENTS = "rule-incidents";
    /** Alerts raised: what a reader of the alert outputs must find there once the run is over. */
    public static final String ACC_ALERTS = "alerts-raised";
    /** One evaluation in this many is timed for the {@code ruleEvaluationNanos} histogram: timing costs too. */
    static final int TIME_EVERY = 64;
    private static final int EVALUATION_SAMPLES = 1024;

    private final RuleSet initialRules;
    private final List<RuleSet> initialCampaigns;
    private final EvaluatorFactory evaluators;
    private final RiskConfig config;
    private final SignalCodec codec;

    private transient ValueState<EnterpriseState> enterprise;
    private transient ActiveRules rules;
    /** Read from broadcast state when first needed and again after it changes: not per signal, it parses YAML. */
    private transient RuleSchedule schedule;
    private transient Suppression suppression;
    private transient Scoring scoring;
    /** Reuses its arrays: the features it returns are used up within {@link #judge}. */
    private transient FeatureCalculator.Reusing featureCalculator;
    private transient LongCounter judged;
    private transient LongCounter duplicates;
    private transient LongCounter lateJudged;
    private transient LongCounter ahead;
    private transient LongCounter ruleErrors;
    private transient LongCounter ruleIncidents;
    private transient Counter ruleIncidentsMetric;
    /** The rule-set version whose first failed evaluation this subtask has reported; one report per version. */
    private transient String failureReportedFor;
    private transient LongCounter alertsRaised;
    private transient Counter lateJudgedMetric;
    private transient Counter aheadMetric;
    private transient Counter[] alertsByLevel;
    private transient Histogram evaluationNanos;
    private transient int evaluations;

    /** @param codec re-encodes a signal that arrives too late, so its dead letter can be fed again as it is */
    public EnterpriseRiskFunction(RuleSet initialRules, EvaluatorFactory evaluators, RiskConfig config,
                                  SignalCodec codec) {
        this(initialRules, List.of(), evaluators, config, codec);
    }

    /** @param initialCampaigns campaigns in force from the start, until one of the same name is published */
    public EnterpriseRiskFunction(RuleSet initialRules, List<RuleSet> initialCampaigns, EvaluatorFactory evaluators,
                                  RiskConfig config, SignalCodec codec) {
        for (RuleSet campaign : initialCampaigns) {
            if (!campaign.sources().containsKey(Campaign.FILE)) {
                throw new IllegalArgumentException("rule set " + campaign.version() + " has no " + Campaign.FILE
                        + ", so it is not a campaign");
            }
        }
        this.initialRules = initialRules;
        this.initialCampaigns = List.copyOf(initialCampaigns);
        this.evaluators = evaluators;
        this.config = config;
        this.codec = codec;
    }

    @Override
    public void open(OpenContext openContext) {
        enterprise = getRuntimeContext().getState(STATE);
        rules = new ActiveRules(evaluators);
        suppression = new Suppression(config.suppression());
        scoring = new Scoring(config.halfLife().toMillis());
        featureCalculator = new FeatureCalculator.Reusing();
        judged = counter(ACC_JUDGED);
        duplicates = counter(ACC_DUPLICATES);
        lateJudged = counter(ACC_LATE_JUDGED);
        ahead = counter(ACC_AHEAD);
        ruleErrors = counter(ACC_RULE_ERRORS);
        ruleIncidents = counter(ACC_RULE_INCIDENTS);
        alertsRaised = counter(ACC_ALERTS);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        lateJudgedMetric = metrics.counter("signalsJudgedLate");
        aheadMetric = metrics.counter("signalsAheadOfStream");
        ruleIncidentsMetric = metrics.counter("ruleIncidents");
        MetricGroup alertsGroup = metrics.addGroup("alerts");
        alertsByLevel = new Counter[RiskLevel.values().length];
        for (RiskLevel level : RiskLevel.values()) {
            alertsByLevel[level.ordinal()] = alertsGroup.counter(level.name());
        }
        evaluationNanos = metrics.histogram("ruleEvaluationNanos",
                new DescriptiveStatisticsHistogram(EVALUATION_SAMPLES));
    }

    private LongCounter counter(String name) {
        LongCounter counter = new LongCounter();
        getRuntimeContext().addAccumulator(name, counter);
        return counter;
    }

    @Override
    public void close() {
        if (rules != null) {
            rules.close();
        }
    }

    @Override
    public void processElement(Signal signal, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long at = signal.occurredAtMillis();
        long watermark = ctx.timerService().currentWatermark();
        if (at > watermark) {
            if (watermark != Long.MIN_VALUE && at - watermark > config.aheadAfter().toMillis()) {
                ahead.add(1);
                aheadMetric.inc();
            }
            EnterpriseState state = enterprise.value();
            if (state == null) {
                state = new EnterpriseState();
            }
            state.hold(signal);
            enterprise.update(state);
            ctx.timerService().registerEventTimeTimer(at);
            return;
        }
        if (watermark - at > config.lateness().millis(signal.source())) { // no overflow: watermark > MIN here
            rejectLate(signal, watermark, ctx);
            return;
        }
        lateJudged.add(1);
        lateJudgedMetric.inc();
        store(judgeIfNew(signal, enterprise.value(), ctx, out), ctx);
    }

    /**
     * Beyond its source's lateness a signal is no longer judged. One the enterprise has already judged (a
     * redelivery) is simply a duplicate; anything else is a dead letter, re-encoded so it can be fed again.
     */
    private void rejectLate(Signal signal, long watermark, ReadOnlyContext ctx) throws Exception {
        EnterpriseState state = enterprise.value();
        if (state != null && state.hasSeen(signal)) {
            duplicates.add(1);
            return;
        }
        ctx.output(LATE, tooLate(signal, watermark, ctx.timerService().currentProcessingTime()));
    }

    /**
     * Event time has reached {@code timestamp} for this enterprise: judge what waited until then, oldest first; then
     * forget the enterprise if it has been silent for the TTL, or if its input is over (the watermark at the end of
     * time, nothing left waiting).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        EnterpriseState state = enterprise.value();
        if (state == null) {
            return; // a TTL check from before the state was forgotten
        }
        for (Signal signal : state.takeWaitingUntil(timestamp)) {
            state = judgeIfNew(signal, state, ctx, out);
        }
        if (timestamp >= state.ttlTimer) {
            state.ttlTimer = Long.MIN_VALUE; // this is the TTL check, on time or early: re-armed below if needed
        }
        boolean inputOver = ctx.timerService().currentWatermark() == Long.MAX_VALUE && state.waiting.isEmpty();
        if (timestamp >= expiresAt(state) || inputOver) {
            forget(state, ctx);
            return;
        }
        store(state, ctx);
    }

    /**
     * Dedupe happens here, when a signal is judged: of two copies waiting together the earlier in event time wins,
     * however they arrived. A copy already judged stays judged: an earlier copy arriving late (within the allowed
     * lateness) is then the duplicate. An enterprise silent for the TTL before this signal starts afresh, as if its
     * TTL check had fired first (in batch execution it cannot: timers wait for the end of the enterprise's input).
     *
     * @return the enterprise's state after the signal; store it
     */
    private EnterpriseState judgeIfNew(Signal signal, EnterpriseState state, ReadOnlyContext ctx,
                                       Collector<Alert> out) throws Exception {
        if (state != null && signal.occurredAtMillis() >= expiresAt(state)) {
            emitFinalSnapshot(state, ctx);
            state = EnterpriseState.waitingOnly(state.waiting);
        }
        if (state == null) {
            state = new EnterpriseState();
        }
        if (!state.firstSighting(signal)) {
            duplicates.add(1);
            return state;
        }
        judge(signal, state, ctx, out);
        return state;
    }

    private void store(EnterpriseState state, ReadOnlyContext ctx) throws Exception {
        // At the end of time Flink's timer service takes no new timers (batch execution refuses them) and none are
        // needed: the input is over and the enterprise is forgotten once nothing waits.
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            armTtl(state, ctx.timerService());
        }
        enterprise.update(state);
    }

    /**
     * Silent for the TTL, or its input is over: nothing left could still raise or explain an alert. Signals that still
     * wait (later than the TTL) start the enterprise afresh when their time comes.
     */
    private void forget(EnterpriseState state, ReadOnlyContext ctx) throws Exception {
        emitFinalSnapshot(state, ctx);
        if (state.waiting.isEmpty()) {
            enterprise.clear();
        } else {
            enterprise.update(EnterpriseState.waitingOnly(state.waiting));
        }
    }

    private void emitFinalSnapshot(EnterpriseState state, ReadOnlyContext ctx) {
        if (state.finalSnapshot != null) {
            ctx.output(RISK, state.finalSnapshot.toSnapshot(ctx.getCurrentKey()));
        }
    }

    /** Arms the TTL check unless one is armed; it is never moved, and re-armed at the true end when it fires early. */
    private void armTtl(EnterpriseState state, TimerService timers) {
        if (state.ttlTimer == Long.MIN_VALUE && state.lastJudgedAt != Long.MIN_VALUE) {
            state.ttlTimer = expiresAt(state);
            timers.registerEventTimeTimer(state.ttlTimer);
        }
    }

    private long expiresAt(EnterpriseState state) {
        return state.judgedNothing() ? Long.MAX_VALUE : state.lastJudgedAt + config.idleTtl().toMillis();
    }

    private void judge(Signal signal, EnterpriseState state, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        judged.add(1);
        long at = signal.occurredAtMillis();
        remember(signal, state);
        state.history.add(Trace.of(signal));
        state.history.prune(at);
        state.pruneSeen(at - SignalHistory.RETENTION_DAYS * Horizons.DAY_MILLIS);

        // Features are as of the signal's own time; the score is as of the latest time judged, so a late signal
        // adds what it proves without winding the enterprise's risk back in time.
        long now = Math.max(at, state.lastJudgedAt);
        RiskLevel published = state.level;
        double scoreBefore = scoring.score(state.hits.values(), now);
        RiskLevel levelBefore = RiskLevel.forScore(scoreBefore);
        EnterpriseFeatures features = featureCalculator.compute(signal, state.history, pastRedEpisodes(state, at),
                levelBefore);
        RuleEvaluator evaluator = evaluatorAt(signal, ctx);
        List<Finding> findings = evaluate(evaluator, features, signal, ctx);
        String version = evaluator.version();

        List<Hit> settlements = settlements(findings, signal, state.history);
        if (!settlements.isEmpty()) {
            settle(state, at);
            LOG.debug("{} settled at {}: {}", signal.enterpriseId(), signal.occurredAt(), settlements);
        }
        List<Hit> fired = afterSettlement(toHits(findings, signal, state.history), state.settledAt);
        for (Hit hit : fired) {
            state.hits.merge(hit.ruleId(), hit, (old, neu) -> neu.at().isBefore(old.at()) ? old : neu);
        }
        state.hits.values().removeIf(h -> scoring.isForgotten(h, now));
        state.score = scoring.score(state.hits.values(), now);
        state.level = RiskLevel.forScore(state.score);
        state.lastJudgedAt = now;

        Alert alert = maybeAlert(signal, state, fired, levelBefore, scoreBefore, version, now);
        countRedEpisode(state, now);
        if (alert != null) {
            alertsByLevel[alert.level().ordinal()].inc();
            alertsRaised.add(1);
            out.collect(alert);
        }
        // A new snapshot whenever the picture changes: new hits, a level other than the last one published (a score
        // that has cooled across a band boundary counts, though nothing fired), or a settlement (the score fell, even
        // when the level did not).
        if (!fired.isEmpty() || state.level != published || !settlements.isEmpty()
                || config.snapshots() == RiskConfig.Snapshots.EVERY_SIGNAL) {
            publishRisk(signal, state, explained(state, settlements, now), features, version, now, ctx);
        }
    }

    /** Emits the snapshot now, or keeps it in state to emit when the enterprise is dropped (file runs). */
    private void publishRisk(Signal signal, EnterpriseState state, List<Hit> hits, EnterpriseFeatures features,
                             String version, long now, ReadOnlyContext ctx) {
        if (config.snapshots() != RiskConfig.Snapshots.FINAL) {
            ctx.output(RISK, snapshot(signal, state, hits, features, version, now));
        } else {
            state.finalSnapshot = finalSnapshot(state, hits, features, version, now);
        }
    }

    /**
     * A settlement: every hit dated at or before it stops counting, now and whenever a signal from before it is
     * judged (see {@link #afterSettlement}). The level alerted before it no longer silences the next rise: the
     * matter that alert was about is closed, so new trouble is news, not a repeat.
     */
    private static void settle(EnterpriseState state, long at) {
        state.settledAt = Math.max(state.settledAt, at);
        state.hits.values().removeIf(h -> h.at().toEpochMilli() <= state.settledAt);
        if (state.alertedLevelAt <= at) {
            state.alertedLevel = RiskLevel.NONE;
            state.alertedLevelAt = Long.MIN_VALUE;
        }
    }

    /** The hits dated after the latest settlement: a signal from before it adds nothing, however late it came. */
    private static List<Hit> afterSettlement(List<Hit> fired, long settledAt) {
        if (fired.isEmpty() || settledAt == Long.MIN_VALUE) {
            return fired;
        }
        List<Hit> kept = new ArrayList<>(fired.size());
        for (Hit hit : fired) {
            if (hit.at().toEpochMilli() > settledAt) {
                kept.add(hit);
            }
        }
        return kept;
    }

    /**
     * The active hits, strongest first; at a settlement, the settling rules' hits after them, saying why the score
     * fell. Those count no points and are not kept: the next snapshot shows only what counts.
     */
    private List<Hit> explained(EnterpriseState state, List<Hit> settlements, long at) {
        List<Hit> hits = scoring.strongestFirst(state.hits.values(), at);
        hits.addAll(settlements);
        return hits;
    }

    /** RED episodes that are over: the one an enterprise is still in does not make it a repeat offender. */
    private static int pastRedEpisodes(EnterpriseState state, long at) {
        boolean inEpisode = state.lastRedAt != Long.MIN_VALUE
                && at - state.lastRedAt < RED_EPISODE_GAP_DAYS * Horizons.DAY_MILLIS;
        return state.redEpisodes - (inEpisode ? 1 : 0);
    }

    /**
     * A score hovering around 80 within one dispute is one episode, not many: RED counts as a new episode only after
     * the enterprise has been out of RED for {@link #RED_EPISODE_GAP_DAYS} days.
     */
    private static void countRedEpisode(EnterpriseState state, long at) {
        if (state.level != RiskLevel.RED) {
            return;
        }
        if (state.lastRedAt == Long.MIN_VALUE || at - state.lastRedAt >= RED_EPISODE_GAP_DAYS * Horizons.DAY_MILLIS) {
            state.redEpisodes++;
        }
        state.lastRedAt = Math.max(state.lastRedAt, at);
    }

    private static void remember(Signal signal, EnterpriseState state) {
        if (signal.enterpriseName() != null) {
            state.enterpriseName = signal.enterpriseName();
        }
        if (signal.district() != null) {
            state.district = signal.district();
        }
        if (signal.industry() != null) {
            state.industry = signal.industry();
        }
    }

    /** The evaluator of the rule set in force on the signal's day: a campaign's, or the base one's. */
    private RuleEvaluator evaluatorAt(Signal signal, ReadOnlyContext ctx) throws Exception {
        try {
            return rules.evaluatorFor(schedule(ctx).at(signal.occurredAt()));
        } catch (RuleSetRejected e) {
            // Only reachable for the initial rule sets, which the launcher validated before starting: fail loudly.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<Finding> evaluate(RuleEvaluator evaluator, EnterpriseFeatures features, Signal signal,
                                   ReadOnlyContext ctx) {
        try {
            if (++evaluations % TIME_EVERY != 0) {
                return evaluator.evaluate(features, signal);
            }
            long started = System.nanoTime();
            List<Finding> findings = evaluator.evaluate(features, signal);
            evaluationNanos.update(System.nanoTime() - started);
            return findings;
        } catch (RuntimeException e) {
            // A rule that throws on one enterprise's data must not stop the city's job; the signal still counts
            // in the history, it just raises nothing this time. (A rule whose consequence or condition throws never
            // gets here: the evaluator quarantines it; this is a failure Drools tied to no rule.)
            ruleErrors.add(1);
            LOG.warn("Rule evaluation failed for signal {} of {}: {}", signal.id(), signal.enterpriseId(),
                    e.toString());
            if (!evaluator.version().equals(failureReportedFor)) {
                failureReportedFor = evaluator.version();
                ctx.output(RULE_SET_EVENTS, new RuleSetEvent(evaluator.version(), true, List.of(
                        "evaluation of signal " + signal.id() + " failed: " + e + "; that signal raised nothing "
                                + "(reported once per rule set and subtask, every failure is counted as a rule error)")));
            }
            return List.of();
        } finally {
            reportIncidents(evaluator, ctx);
        }
    }

    /** A rule quarantined or an evaluation stopped, said once by the evaluator: counted, and sent to lw.rules.events. */
    private void reportIncidents(RuleEvaluator evaluator, ReadOnlyContext ctx) {
        for (String incident : evaluator.drainIncidents()) {
            ruleIncidents.add(1);
            ruleIncidentsMetric.inc();
            LOG.warn("Rule set {}: {}", evaluator.version(), incident);
            ctx.output(RULE_SET_EVENTS, new RuleSetEvent(evaluator.version(), true, List.of(incident)));
        }
    }

    private RuleSchedule schedule(ReadOnlyContext ctx) throws Exception {
        if (schedule == null) {
            schedule = readSchedule(ctx.getBroadcastState(RuleSetState.DESCRIPTOR).immutableEntries());
        }
        return schedule;
    }

    /**
     * The published base rule set (else the initial one) and every campaign: the published ones, and the initial ones
     * no campaign of the same name has replaced.
     */
    private RuleSchedule readSchedule(Iterable<Map.Entry<String, RuleSet>> published) {
        RuleSet base = initialRules;
        Map<String, RuleSchedule.Scheduled> campaigns = new HashMap<>();
        for (RuleSet initial : initialCampaigns) {
            schedule(initial, campaigns);
        }
        for (Map.Entry<String, RuleSet> entry : published) {
            if (RuleSetState.ACTIVE.equals(entry.getKey())) {
                base = entry.getValue();
            } else if (RuleSetState.isCampaignKey(entry.getKey())) {
                schedule(entry.getValue(), campaigns);
            }
        }
        return new RuleSchedule(base, List.copyOf(campaigns.values()), codec.zone());
    }

    /**
     * Adds a campaign by its name. Every campaign here was checked before it was kept (or before the job started), so
     * one that cannot be read is a mistake of ours: it is left out, with a log line, rather than failing the job.
     */
    private static void schedule(RuleSet ruleSet, Map<String, RuleSchedule.Scheduled> campaigns) {
        try {
            Campaign.of(ruleSet).ifPresent(c -> campaigns.put(c.name(), new RuleSchedule.Scheduled(c, ruleSet)));
        } catch (RuleSetRejected e) {
            LOG.error("Campaign {} left out: {}", ruleSet.version(), e.getMessage());
        }
    }

    private List<Hit> toHits(List<Finding> findings, Signal signal, SignalHistory history) {
        if (findings.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            if (finding.settles()) {
                continue;
            }
            RuleMeta meta = finding.rule();
            hits.add(new Hit(meta.id(), meta.points(), finding.reason(), evidence(meta, signal, history),
                    signal.occurredAt(), meta.agencies(), meta.critical()));
        }
        return hits;
    }

    /** What the settling findings say, as hits of no points: a settlement adds nothing to the score. */
    private List<Hit> settlements(List<Finding> findings, Signal signal, SignalHistory history) {
        List<Hit> settlements = List.of();
        for (Finding finding : findings) {
            if (finding.settles()) {
                if (settlements.isEmpty()) {
                    settlements = new ArrayList<>(1);
                }
                RuleMeta meta = finding.rule();
                settlements.add(new Hit(meta.id(), 0, finding.reason(), evidence(meta, signal, history),
                        signal.occurredAt(), meta.agencies(), false));
            }
        }
        return settlements;
    }

    /** The trigger signal, then the latest signals of the rule's evidence types from the past 90 days. */
    private List<String> evidence(RuleMeta meta, Signal signal, SignalHistory history) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(signal.id());
        long now = signal.occurredAtMillis();
        long from = now - 90 * Horizons.DAY_MILLIS;
        List<Trace> traces = history.getTraces();
        for (int i = traces.size() - 1; i >= 0 && ids.size() < config.maxEvidenceSignals(); i--) {
            Trace t = traces.get(i);
            boolean relevant = meta.evidence().isEmpty() ? t.type() == signal.type()
                    : meta.evidence().contains(t.type());
            if (relevant && t.at() <= now && t.at() >= from) {
                ids.add(t.signalId());
            }
        }
        return List.copyOf(ids);
    }

    private Alert maybeAlert(Signal signal, EnterpriseState state, List<Hit> fired, RiskLevel levelBefore,
                             double scoreBefore, String version, long now) {
        boolean newLevel = suppression.isNewLevel(state.level, levelBefore, state.alertedLevel,
                state.alertedLevelAt, now);
        boolean newCritical = false;
        for (Hit hit : fired) {
            if (hit.critical() && suppression.isNewCritical(hit.ruleId(), state.criticalAlertedAt, now)) {
                state.criticalAlerted(hit.ruleId(), now);
                newCritical = true;
            }
        }
        if (newLevel) {
            if (!suppression.isWindowOpen(state.alertedLevelAt, now)) {
                state.alertedLevelAt = now;
            }
            state.alertedLevel = state.level;
        }
        if (!newLevel && !newCritical) {
            return null;
        }
        List<Hit> explained = scoring.strongestFirst(state.hits.values(), now);
        return new Alert(
                AlertIds.of(signal.enterpriseId(), version, signal.dedupeKey()),
                signal.enterpriseId(), state.enterpriseName, state.district, state.industry,
                state.level, levelBefore, state.score, scoreBefore, signal.occurredAt(), signal.id(), version,
                newCritical, Routing.agenciesFor(explained, state.level), explained,
                evidenceSignals(explained, state.history));
    }

    private List<SignalSummary> evidenceSignals(List<Hit> hits, SignalHistory history) {
        Set<String> wanted = new LinkedHashSet<>();
        for (Hit hit : hits) {
            wanted.addAll(hit.signalIds());
        }
        List<SignalSummary> summaries = new ArrayList<>();
        for (Trace t : history.getTraces()) {
            if (wanted.contains(t.signalId())) {
                summaries.add(SignalSummary.of(t));
            }
        }
        int keep = Math.min(summaries.size(), config.maxEvidenceSignals());
        return List.copyOf(summaries.subList(summaries.size() - keep, summaries.size()));
    }

    private static RiskSnapshot snapshot(Signal signal, EnterpriseState state, List<Hit> hits,
                                         EnterpriseFeatures features, String version, long at) {
        return new RiskSnapshot(signal.enterpriseId(), state.enterpriseName, state.district, state.industry,
                state.score, state.level, Instant.ofEpochMilli(at), hits, FeatureSummary.of(features), version);
    }

    private static FinalSnapshot finalSnapshot(EnterpriseState state, List<Hit> hits, EnterpriseFeatures features,
                                               String version, long at) {
        return new FinalSnapshot(state.enterpriseName, state.district, state.industry, state.score, state.level, at,
                List.copyOf(hits), FeatureSummary.values(features), version);
    }

    private DeadLetter tooLate(Signal signal, long watermark, long now) {
        Duration limit = config.lateness().of(signal.source());
        return DeadLetter.of(Rejection.LATE, "occurredAt " + signal.occurredAt() + " is "
                        + Durations.describe(Duration.ofMillis(watermark - signal.occurredAtMillis()))
                        + " behind event time " + Instant.ofEpochMilli(watermark) + ", past the allowed lateness of "
                        + signal.source() + " signals (" + Durations.describe(limit) + ", lateness." + signal.source()
                        + " in config/laborwatch.properties)",
                codec.encode(signal), "enterprise " + signal.enterpriseId(), Instant.ofEpochMilli(now));
    }

    /**
     * A base rule set replaces the active one; a campaign (one with a {@value Campaign#FILE}) is kept under its name
     * beside it, replacing only an earlier version of the same campaign.
     */
    @Override
    public void processBroadcastElement(RuleSet ruleSet, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, RuleSet> published = ctx.getBroadcastState(RuleSetState.DESCRIPTOR);
        try {
            Optional<Campaign> campaign = campaignOf(ruleSet);
            String key = campaign.map(RuleSetState::campaignKey).orElse(RuleSetState.ACTIVE);
            RuleSet current = published.get(key);
            if (current != null && current.version().equals(ruleSet.version())) {
                // Nothing to change, but said again: a rollback to the version in force is answered like any other
                // publication, not met with silence the publisher cannot tell from a job that is not running.
                reportOnce(new RuleSetEvent(ruleSet.version(), true, List.of()), ctx);
                return;
            }
            CompiledRuleSet next = rules.prepare(ruleSet);
            // Everything above can fail without effect; from here the swap is one step for every key.
            published.put(key, ruleSet);
            if (campaign.isPresent()) {
                rules.add(next);
                LOG.info("Campaign {} ({}) scheduled", campaign.get().schedule(), ruleSet.version());
            } else {
                rules.swapTo(next);
            }
            schedule = readSchedule(published.immutableEntries());
            rules.retain(schedule.versions());
            reportOnce(new RuleSetEvent(ruleSet.version(), true, List.of()), ctx);
        } catch (RuleSetRejected e) {
            LOG.warn("Rule set {} rejected, {} stays active: {}", ruleSet.version(), rules.version(), e.getMessage());
            reportOnce(new RuleSetEvent(ruleSet.version(), false,
                    e.problems().stream().map(Object::toString).toList()), ctx);
        }
    }

    /** The rule set's schedule; when it has a bad one, every problem of the rule set, its rules' too. */
    private Optional<Campaign> campaignOf(RuleSet ruleSet) throws RuleSetRejected {
        try {
            return Campaign.of(ruleSet);
        } catch (RuleSetRejected e) {
            rules.prepare(ruleSet); // throws, with the schedule's problems among the rest
            throw e;
        }
    }

    /** Every subtask sees every rule set; one report is enough. */
    private void reportOnce(RuleSetEvent event, Context ctx) {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(RULE_SET_EVENTS, event);
        }
    }
}
