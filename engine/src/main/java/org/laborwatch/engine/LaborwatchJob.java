package org.laborwatch.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.laborwatch.connectors.file.RawLine;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.ingest.AcceptDecoded;
import org.laborwatch.engine.ingest.DecodeSignals;
import org.laborwatch.engine.ingest.SignalIntake;
import org.laborwatch.engine.ingest.SignalTime;
import org.laborwatch.engine.ingest.SignalTypeInfo;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.LatestRiskPerEnterprise;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;

/**
 * The laborwatch job, wiring only: signal inputs in, alerts, risk snapshots and dead letters out. Sources and sinks
 * are passed in, so the embedded run (files), the stack run (Kafka, Elasticsearch) and the tests share this exactly.
 */
public final class LaborwatchJob {

    /** One signal input; each kind gets event time the way its source allows. */
    public sealed interface SignalInput {
        String name();
    }

    /**
     * Raw lines (a file), decoded after the source. Bounded, so run in batch execution, where order does not matter;
     * in a streaming run each file gets watermarks of its own before inputs meet, so one input running ahead in event
     * time can never make another's signals late.
     */
    public record Lines(String name, Source<RawLine, ?, ?> source) implements SignalInput {
    }

    /**
     * Records the source decodes as it reads (Kafka), with watermarks per split (partition) inside the source, at
     * the job's parallelism ({@link SignalTime#decodedWatermarks}).
     */
    public record Decoding(String name, Source<Decoded, ?, ?> source) implements SignalInput {
    }

    /** A sink with the name its operator gets ({@code sink-<what>-<name>} is its state's uid). */
    public record Named<T>(String name, Sink<T> sink) {
    }

    /**
     * Where results go; each list may name several sinks (Kafka and Elasticsearch). {@code ruleSetEvents} may be
     * null.
     */
    public record Sinks(List<Named<Alert>> alerts, List<Named<RiskSnapshot>> risk,
                        List<Named<DeadLetter>> deadLetters, Sink<RuleSetEvent> ruleSetEvents) {
    }

    /**
     * @param stream       how a streaming run's event time moves (ignored in batch execution)
     * @param riskInterval pass on only the latest risk snapshot per enterprise per this interval (for upserting
     *                     stores), or null for every snapshot the risk operator emits
     * @param campaigns    seasonal campaigns in force from the start beside {@code initialRules} (each holds a
     *                     campaign.yaml); a campaign published later under the same name replaces one
     */
    public record Settings(RuleSet initialRules, EvaluatorFactory evaluators, RiskConfig risk, StreamTime stream,
                           SignalCodec codec, Duration riskInterval, List<RuleSet> campaigns) {

        public Settings {
            campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        }

        /** Without campaigns. */
        public Settings(RuleSet initialRules, EvaluatorFactory evaluators, RiskConfig risk, StreamTime stream,
                        SignalCodec codec, Duration riskInterval) {
            this(initialRules, evaluators, risk, stream, codec, riskInterval, List.of());
        }
    }

    private final List<SignalInput> inputs;
    private final Source<RuleSet, ?, ?> ruleSets;
    private final Sinks sinks;
    private final Settings settings;

    /** @param ruleSets published rule sets, or null to run on the initial rule set only */
    public LaborwatchJob(List<SignalInput> inputs, Source<RuleSet, ?, ?> ruleSets, Sinks sinks, Settings settings) {
        this.inputs = List.copyOf(inputs);
        this.ruleSets = ruleSets;
        this.sinks = sinks;
        this.settings = settings;
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        return env.execute(jobName);
    }

    public void build(StreamExecutionEnvironment env) {
        DataStream<Signal> signals = null;
        DataStream<DeadLetter> rejected = null;
        for (SignalInput input : inputs) {
            SingleOutputStreamOperator<Signal> decoded = intake(env, input);
            // Side outputs belong to the operator that emits them, not to the stream after event time is assigned.
            DataStream<DeadLetter> inputRejected = decoded.getSideOutput(SignalIntake.REJECTED);
            DataStream<Signal> timed = input instanceof Lines
                    ? decoded.assignTimestampsAndWatermarks(SignalTime.watermarks(settings.stream()))
                            .uid("time-" + input.name()).name("Event time " + input.name()).setParallelism(1)
                    : decoded;
            signals = signals == null ? timed : signals.union(timed);
            rejected = rejected == null ? inputRejected : rejected.union(inputRejected);
        }
        if (signals == null) {
            throw new IllegalArgumentException("the job needs at least one signal input");
        }

        EnterpriseRiskFunction function = new EnterpriseRiskFunction(settings.initialRules(), settings.campaigns(),
                settings.evaluators(), settings.risk(), settings.codec());
        // Flink's own broadcast operator, timers and keyed state: in a streaming job, and in batch execution, where
        // Flink sorts each enterprise's signals together first (docs/architecture.md).
        SingleOutputStreamOperator<Alert> alerts = signals.keyBy(Signal::enterpriseId)
                .connect(ruleSetStream(env).broadcast(RuleSetState.DESCRIPTOR))
                .process(function, TypeInformation.of(Alert.class))
                .uid("enterprise-risk").name("Enterprise risk");

        sinkAll(alerts, sinks.alerts(), "alerts", "Alerts");
        DataStream<RiskSnapshot> risk = alerts.getSideOutput(EnterpriseRiskFunction.RISK);
        if (settings.riskInterval() != null) {
            risk = risk.transform("Latest risk", risk.getType(), new LatestRiskPerEnterprise(settings.riskInterval()))
                    .uid("latest-risk").name("Latest risk per enterprise");
        }
        sinkAll(risk, sinks.risk(), "risk", "Risk");
        sinkAll(rejected.union(alerts.getSideOutput(EnterpriseRiskFunction.LATE)), sinks.deadLetters(),
                "dead-letters", "Dead letters");
        if (sinks.ruleSetEvents() != null) {
            alerts.getSideOutput(EnterpriseRiskFunction.RULE_SET_EVENTS).sinkTo(sinks.ruleSetEvents())
                    .uid("sink-rule-set-events").name("Rule-set events").setParallelism(1);
        }
    }

    private static <T> void sinkAll(DataStream<T> stream, List<Named<T>> named, String what, String label) {
        for (Named<T> n : named) {
            stream.sinkTo(n.sink()).uid("sink-" + what + "-" + n.name()).name(label + " to " + n.name());
        }
    }

    private SingleOutputStreamOperator<Signal> intake(StreamExecutionEnvironment env, SignalInput input) {
        if (input instanceof Decoding d) {
            return env.fromSource(d.source(), SignalTime.decodedWatermarks(settings.stream()), d.name())
                    .uid("src-" + d.name())
                    .process(new AcceptDecoded(), SignalTypeInfo.INSTANCE).uid("accept-" + d.name())
                    .name("Accept " + d.name());
        }
        Lines lines = (Lines) input;
        return env.fromSource(lines.source(), WatermarkStrategy.noWatermarks(), lines.name())
                .uid("src-" + lines.name()).setParallelism(1)
                .process(new DecodeSignals(settings.codec()), SignalTypeInfo.INSTANCE).uid("decode-" + lines.name())
                .name("Decode " + lines.name()).setParallelism(1);
    }

    /**
     * Every subtask sees every rule set; the risk operator keeps the active one and the campaigns in broadcast state.
     * Without a rule-set source, the initial rule set and campaigns are all there is: in batch execution the
     * broadcast side is read before any signal is judged.
     */
    private DataStream<RuleSet> ruleSetStream(StreamExecutionEnvironment env) {
        if (ruleSets != null) {
            return env.fromSource(ruleSets, SignalTime.ruleSetsNeverMoveEventTime(), "rule-sets")
                    .uid("src-rule-sets").setParallelism(1);
        }
        List<RuleSet> initial = new ArrayList<>();
        initial.add(settings.initialRules());
        initial.addAll(settings.campaigns());
        return env.fromData(initial, TypeInformation.of(RuleSet.class))
                .uid("src-initial-rule-set").name("initial rule set");
    }
}
