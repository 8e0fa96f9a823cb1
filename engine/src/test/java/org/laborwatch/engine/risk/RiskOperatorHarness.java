package org.laborwatch.engine.risk;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;

/** The risk operator in Flink's test harness, as the job runs it, and what the tests read of it. */
final class RiskOperatorHarness {
    private RiskOperatorHarness() {
    }

    /** The operator Flink's {@code process(KeyedBroadcastProcessFunction)} makes, opened (from {@code restored}). */
    static KeyedBroadcastOperatorTestHarness<String, Signal, RuleSet, Alert> open(EnterpriseRiskFunction function,
                                                                                  OperatorSubtaskState restored)
            throws Exception {
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function, List.of(RuleSetState.DESCRIPTOR)),
                Signal::enterpriseId, Types.STRING, 1, 1, 0);
        harness.setup();
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    static List<RiskSnapshot> snapshots(KeyedBroadcastOperatorTestHarness<String, Signal, RuleSet, Alert> harness) {
        var out = harness.getSideOutput(EnterpriseRiskFunction.RISK);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    static List<DeadLetter> late(KeyedBroadcastOperatorTestHarness<String, Signal, RuleSet, Alert> harness) {
        var out = harness.getSideOutput(EnterpriseRiskFunction.LATE);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    /** The enterprise's state as the operator keeps it. */
    static EnterpriseState stateOf(KeyedBroadcastOperatorTestHarness<String, Signal, RuleSet, Alert> harness,
                                   String enterprise) throws Exception {
        var backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(enterprise);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                EnterpriseRiskFunction.STATE).value();
    }
}
