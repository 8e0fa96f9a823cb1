package org.laborwatch.engine;

import java.time.Duration;
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
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.ingest.DecodeSignals;
import org.laborwatch.engine.ingest.SignalTime;
import org.laborwatch.engine.ingest.SignalTypeInfo;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.EnterpriseRiskOperator;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.ruleset.RuleSetEvent;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * The laborwatch job, wiring only: signal inputs in, alerts, risk snapshots and dead letters out. Sources and sinks
 * are passed in, so the embedded run (files), the stack run (Kafka, Elasticsearch) and the tests share this exactly.
 */
public final class LaborwatchJob {

    /**
     * One signal input. Each is decoded and given watermarks on its own before inputs meet, so one input running
     * ahead in event time can never make another's signals late.
     */
    public record SignalInput(String name, Source<RawLine, ?, ?> source) {
    }

    public record Sinks(Sink<Alert> alerts, Sink<RiskSnapshot> risk, Sink<DeadLetter> deadLetters,
                        Sink<RuleSetEvent> ruleSetEvents) {
    }

    public record Settings(RuleSet initialRules, EvaluatorFactory evaluators, RiskConfig risk,
                           Duration outOfOrderness, SignalCodec codec) {
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
            SingleOutputStreamOperator<Signal> decoded = decode(env, input);
            // Side outputs belong to the operator that emits them, not to the stream after event time is assigned.
            DataStream<DeadLetter> inputRejected = decoded.getSideOutput(DecodeSignals.REJECTED);
            DataStream<Signal> timed = decoded
                    .assignTimestampsAndWatermarks(SignalTime.watermarks(settings.outOfOrderness()))
                    .uid("time-" + input.name()).name("Event time " + input.name()).setParallelism(1);
            signals = signals == null ? timed : signals.union(timed);
            rejected = rejected == null ? inputRejected : rejected.union(inputRejected);
        }
        if (signals == null) {
            throw new IllegalArgumentException("the job needs at least one signal input");
        }

        SingleOutputStreamOperator<Alert> alerts = signals
                .keyBy(Signal::enterpriseId)
                .connect(ruleSetStream(env))
                .transform("Enterprise risk", TypeInformation.of(Alert.class), new EnterpriseRiskOperator(
                        new EnterpriseRiskFunction(settings.initialRules(), settings.evaluators(), settings.risk(),
                                settings.codec())))
                .uid("enterprise-risk").name("Enterprise risk");

        alerts.sinkTo(sinks.alerts()).uid("sink-alerts").name("Alerts");
        alerts.getSideOutput(EnterpriseRiskFunction.RISK).sinkTo(sinks.risk()).uid("sink-risk").name("Risk");
        rejected.union(alerts.getSideOutput(EnterpriseRiskFunction.LATE))
                .sinkTo(sinks.deadLetters()).uid("sink-dead-letters").name("Dead letters");
        if (sinks.ruleSetEvents() != null) {
            alerts.getSideOutput(EnterpriseRiskFunction.RULE_SET_EVENTS).sinkTo(sinks.ruleSetEvents())
                    .uid("sink-rule-set-events").name("Rule-set events").setParallelism(1);
        }
    }

    private SingleOutputStreamOperator<Signal> decode(StreamExecutionEnvironment env, SignalInput input) {
        return env.fromSource(input.source(), WatermarkStrategy.noWatermarks(), input.name())
                .uid("src-" + input.name()).setParallelism(1)
                .process(new DecodeSignals(settings.codec()), SignalTypeInfo.INSTANCE).uid("decode-" + input.name())
                .name("Decode " + input.name()).setParallelism(1);
    }

    /** Every subtask sees every rule set; the risk operator keeps the active one in broadcast state. */
    private DataStream<RuleSet> ruleSetStream(StreamExecutionEnvironment env) {
        DataStream<RuleSet> published = ruleSets != null
                ? env.fromSource(ruleSets, SignalTime.neverHoldsBackEventTime(), "rule-sets").uid("src-rule-sets")
                        .setParallelism(1)
                : env.fromData(List.of(settings.initialRules()), TypeInformation.of(RuleSet.class))
                        .uid("src-initial-rule-set").name("initial rule set");
        return published.broadcast();
    }
}
