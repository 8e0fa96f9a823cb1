package org.laborwatch.engine.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.engine.risk.EnterpriseState;
import org.laborwatch.engine.risk.EnterpriseStateTypeInfo;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * The savepoint of the release of 2026-11-30 (the committed fixture), converted: every enterprise in the current
 * format with its waiting signals, a Flink timer for each of them and for each TTL check, and the rule set it
 * followed. {@code SavepointUpgradeStackIT} then restores the result on the stack and runs it on.
 */
class SavepointUpgradeIT {
    private static final Path FIXTURE = Path.of("src/test/resources/savepoints/2026-11-30/savepoint");

    @TempDir
    static Path dir;
    private static List<Enterprise> enterprises;
    private static List<Tuple2<String, RuleSet>> ruleSets;

    record Enterprise(String key, EnterpriseState state, List<Long> timers) {
    }

    @BeforeAll
    static void upgrade() throws Exception {
        String upgraded = dir.resolve("upgraded").toUri().toString();
        SavepointUpgrade.upgrade(FIXTURE.toAbsolutePath().toUri().toString(), upgraded);

        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        var env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        SavepointReader savepoint = SavepointReader.read(env, upgraded, new HashMapStateBackend());
        enterprises = new ArrayList<>();
        savepoint.readKeyedState(SavepointUpgrade.RISK, new ReadWithTimers()).executeAndCollect()
                .forEachRemaining(enterprises::add);
        ruleSets = savepoint.readBroadcastState(SavepointUpgrade.RISK, RuleSetState.DESCRIPTOR.getName(),
                Types.STRING, RuleSetState.RULE_SET).executeAndCollect(10);
    }

    @Test
    void shouldKeepEveryEnterpriseAndMoveTheWaitingSignalsIntoItsState() {
        assertThat(enterprises).hasSizeGreaterThan(150);
        assertThat(enterprises.stream().mapToInt(e -> e.state().waiting.size()).sum())
                .as("the two signals waiting for the watermark in the fixture").isEqualTo(2);
    }

    @Test
    void shouldArmAFlinkTimerForEveryWaitingSignalAndEveryTtlCheck() {
        for (Enterprise e : enterprises) {
            List<Long> expected = new ArrayList<>(e.state().waiting.stream().map(Signal::occurredAtMillis).toList());
            if (e.state().ttlTimer != Long.MIN_VALUE) {
                expected.add(e.state().ttlTimer);
            }
            assertThat(e.timers()).as(e.key()).containsExactlyInAnyOrderElementsOf(expected.stream().distinct()
                    .toList());
        }
    }

    @Test
    void shouldKeepTheRuleSetTheJobFollowed() {
        assertThat(ruleSets).isNotEmpty().allSatisfy(t -> {
            assertThat(t.f0).isEqualTo(RuleSetState.ACTIVE);
            assertThat(t.f1.version()).isEqualTo("fixture-2026-11-30");
        });
    }

    /** Each enterprise as the current release restores it, with the timers registered for it. */
    static final class ReadWithTimers extends KeyedStateReaderFunction<String, Enterprise> {
        private transient ValueState<EnterpriseState> state;

        @Override
        public void open(OpenContext openContext) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("enterprise",
                    EnterpriseStateTypeInfo.INSTANCE));
        }

        @Override
        public void readKey(String key, Context ctx, Collector<Enterprise> out) throws Exception {
            out.collect(new Enterprise(key, state.value(), List.copyOf(ctx.registeredEventTimeTimers())));
        }
    }
}
