package org.laborwatch.engine.upgrade;

import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.laborwatch.engine.ingest.SignalTypeInfo;
import org.laborwatch.engine.local.LocalCluster;
import org.laborwatch.engine.risk.EnterpriseState;
import org.laborwatch.engine.risk.EnterpriseStateSerializer;
import org.laborwatch.engine.risk.EnterpriseStateTypeInfo;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Converts a savepoint of the release of 2026-11-30 into one this release restores. That release ran the risk
 * operator with timers of its own: the signals waiting for the watermark were in a list state of their own, and each
 * enterprise's TTL check only a field of its state, so its savepoints hold no Flink timers. This release keeps the
 * waiting signals in the enterprise's state (since format 2) under Flink's own event-time timers, which a restore cannot
 * conjure: a waiting signal or a TTL check without its timer would never fire.
 *
 * <p>With Flink's State Processor API, in batch execution: the risk operator's keyed state is read in format 1, each
 * enterprise's waiting signals are folded into its state, and the operator is written anew with the state in the
 * current format (format 2 added the waiting signals; format 3 the latest settlement, of which that release knew
 * nothing), a timer for every waiting signal and TTL check, and the active rule set in broadcast state. Every other
 * operator (the Kafka sources' positions, the sinks' transactions, {@code latest-risk}) is kept as it was.
 */
public final class SavepointUpgrade {
    /** The risk operator's uid (LaborwatchJob), the same in both releases. */
    static final OperatorIdentifier RISK = OperatorIdentifier.forUid("enterprise-risk");
    /** The state names of the release of 2026-11-30. */
    static final String ENTERPRISE = "enterprise";
    static final String WAITING = "waiting";

    private SavepointUpgrade() {
    }

    /** Writes the converted savepoint of {@code from} to {@code to} (paths or URIs a Flink file system reads). */
    public static void upgrade(String from, String to) throws Exception {
        RuleSet active = activeRuleSet(from);
        StreamExecutionEnvironment env = environment();
        SavepointReader old = SavepointReader.read(env, from, new HashMapStateBackend());
        DataStream<Tuple2<String, EnterpriseState>> enterprises = old.readKeyedState(RISK, new ReadFormat1(),
                Types.STRING, new TupleTypeInfo<>(Types.STRING, EnterpriseStateTypeInfo.INSTANCE));
        StateBootstrapTransformation<Tuple2<String, EnterpriseState>> risk = OperatorTransformation
                .bootstrapWith(enterprises)
                .keyBy(e -> e.f0, Types.STRING)
                .transform(new WithFlinkTimers(active));
        SavepointWriter.fromExistingSavepoint(env, from, new HashMapStateBackend())
                .removeOperator(RISK)
                .withOperator(RISK, risk)
                .write(to);
        env.execute("laborwatch upgrade-savepoint");
    }

    /** The rule set the old job was following, or null when none had been published (it ran on its initial one). */
    private static RuleSet activeRuleSet(String from) throws Exception {
        StreamExecutionEnvironment env = environment();
        List<Tuple2<String, RuleSet>> entries = SavepointReader.read(env, from, new HashMapStateBackend())
                .readBroadcastState(RISK, RuleSetState.DESCRIPTOR.getName(), Types.STRING,
                        RuleSetState.RULE_SET)
                .executeAndCollect(1_000);
        return entries.stream().filter(e -> RuleSetState.ACTIVE.equals(e.f0)).map(e -> e.f1).findFirst()
                .orElse(null);
    }

    /** Generic types stay on: the State Processor API ships Flink's own operator states through Kryo. */
    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        // Run by the command line on a cluster in this JVM: its listeners answer this host only.
        return StreamExecutionEnvironment.getExecutionEnvironment(LocalCluster.hostOnly(conf));
    }

    /** Each enterprise as the release of 2026-11-30 kept it, its waiting signals folded into its state. */
    static final class ReadFormat1 extends KeyedStateReaderFunction<String, Tuple2<String, EnterpriseState>> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<EnterpriseState> enterprise;
        private transient ListState<Signal> waiting;

        @Override
        public void open(OpenContext openContext) {
            enterprise = getRuntimeContext().getState(
                    new ValueStateDescriptor<>(ENTERPRISE, EnterpriseStateSerializer.readingFormat(1)));
            waiting = getRuntimeContext().getListState(new ListStateDescriptor<>(WAITING, SignalTypeInfo.INSTANCE));
        }

        @Override
        public void readKey(String key, Context ctx, Collector<Tuple2<String, EnterpriseState>> out)
                throws Exception {
            EnterpriseState state = enterprise.value();
            if (state == null) {
                state = new EnterpriseState(); // an enterprise whose first signals were still waiting
            }
            for (Signal signal : waiting.get()) {
                state.hold(signal);
            }
            out.collect(Tuple2.of(key, state));
        }
    }

    /** Writes each enterprise in the current format with the timers the risk operator expects of it. */
    static final class WithFlinkTimers extends KeyedStateBootstrapFunction<String, Tuple2<String, EnterpriseState>>
            implements CheckpointedFunction {
        private static final long serialVersionUID = 1L;
        private final RuleSet active;
        private transient ValueState<EnterpriseState> enterprise;
        private transient BroadcastState<String, RuleSet> ruleSets;

        WithFlinkTimers(RuleSet active) {
            this.active = active;
        }

        @Override
        public void open(OpenContext openContext) {
            enterprise = getRuntimeContext().getState(
                    new ValueStateDescriptor<>(ENTERPRISE, EnterpriseStateTypeInfo.INSTANCE));
        }

        @Override
        public void processElement(Tuple2<String, EnterpriseState> e, Context ctx) throws Exception {
            EnterpriseState state = e.f1;
            enterprise.update(state);
            if (state.ttlTimer != Long.MIN_VALUE) {
                ctx.timerService().registerEventTimeTimer(state.ttlTimer);
            }
            for (Signal signal : state.waiting) {
                ctx.timerService().registerEventTimeTimer(signal.occurredAtMillis());
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            ruleSets = context.getOperatorStateStore().getBroadcastState(RuleSetState.DESCRIPTOR);
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            if (active != null) {
                ruleSets.put(RuleSetState.ACTIVE, active);
            }
        }
    }
}
