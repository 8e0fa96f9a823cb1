package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.E2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * The risk operator with a base rule set and a seasonal campaign (the winter example: a single payroll delay in
 * construction is a warning while it runs, not outside it): each signal judged by the rule set of its own day.
 */
class CampaignJudgingTest {
    static final Path WINTER_DIR = Path.of("..", "rules", "examples", "campaigns", "winter-wage-campaign");
    private static final RuleSet LIBRARY = RuleSets.bundled();
    private static final RiskConfig CONFIG = new RiskConfig(Duration.ofDays(30),
            SourceLateness.uniform(Duration.ofDays(3)), Duration.ofDays(7), Duration.ofDays(365), 20,
            RiskConfig.Snapshots.ON_CHANGE, Duration.ofDays(1));
    /** 2026-01-10 09:00 in Qingdao: inside the winter campaign. */
    private static final Instant IN_WINTER = Instant.parse("2026-01-10T01:00:00Z");
    /** 2026-03-10 09:00 in Qingdao: after it. */
    private static final Instant IN_SPRING = Instant.parse("2026-03-10T01:00:00Z");

    private static RuleSet winter;

    private KeyedBroadcastOperatorTestHarness<String, Signal, RuleSet, Alert> harness;

    @BeforeAll
    static void readTheExample() throws Exception {
        winter = RuleSets.fromDirectory(WINTER_DIR, null);
    }

    private void open(List<RuleSet> initialCampaigns, OperatorSubtaskState restored) throws Exception {
        harness = RiskOperatorHarness.open(new EnterpriseRiskFunction(LIBRARY, initialCampaigns,
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), CONFIG, SignalCodec.defaults()), restored);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(Signal signal) throws Exception {
        harness.processElement(signal, signal.occurredAtMillis());
    }

    private static Signal payrollDelay(String enterprise, Instant at) {
        return Signals.of(SignalType.PAYROLL_DELAY, enterprise, at); // a construction firm (Signals' default)
    }

    private List<RuleSetEvent> events() {
        var out = harness.getSideOutput(EnterpriseRiskFunction.RULE_SET_EVENTS);
        return out == null ? List.of() : out.stream().map(r -> (RuleSetEvent) r.getValue()).toList();
    }

    @Test
    void shouldJudgeASignalInsideTheCampaignByTheCampaignAndOneOutsideByTheBase() throws Exception {
        open(List.of(), null);
        harness.processBroadcastElement(LIBRARY, 0L);
        harness.processBroadcastElement(winter, 0L);

        send(payrollDelay(E1, IN_WINTER));
        send(payrollDelay(E2, IN_SPRING));
        harness.watermark(IN_SPRING.toEpochMilli());

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.enterpriseId()).isEqualTo(E1);
            assertThat(alert.ruleSetVersion()).isEqualTo(winter.version());
            assertThat(alert.hits()).extracting(Hit::ruleId).containsExactly("CST-004");
        });
        assertThat(RiskOperatorHarness.snapshots(harness)).extracting(s -> s.enterpriseId(), s -> s.ruleSetVersion())
                .as("E2's payroll delay changed nothing, so it has no snapshot").containsExactly(
                        tuple(E1, winter.version()));
    }

    @Test
    void shouldKeepTheBaseActiveBesideACampaignAndReportBoth() throws Exception {
        open(List.of(), null);
        harness.processBroadcastElement(LIBRARY, 0L);
        harness.processBroadcastElement(winter, 0L);
        harness.processBroadcastElement(winter, 0L); // a redelivery changes nothing, and says it is in force

        var state = harness.getBroadcastState(RuleSetState.DESCRIPTOR);
        assertThat(state.get(RuleSetState.ACTIVE)).isEqualTo(LIBRARY);
        assertThat(state.get(RuleSetState.campaignKey(Campaign.of(winter).orElseThrow()))).isEqualTo(winter);
        assertThat(events()).containsExactly(new RuleSetEvent(LIBRARY.version(), true, List.of()),
                new RuleSetEvent(winter.version(), true, List.of()),
                new RuleSetEvent(winter.version(), true, List.of()));
    }

    @Test
    void shouldRejectACampaignWithABadScheduleAndKeepJudgingByTheBase() throws Exception {
        open(List.of(), null);
        Map<String, String> sources = new HashMap<>(winter.sources());
        sources.put(Campaign.FILE, "name: 冬季\nfrom: 2026-02-17\nuntil: 2025-12-15\n");
        harness.processBroadcastElement(new RuleSet("winter-bad", sources), 0L);

        send(payrollDelay(E1, IN_WINTER));
        harness.watermark(IN_WINTER.toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isFalse();
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("campaign.yaml:3: until 2025-12-15"));
        });
    }

    @Test
    void shouldReplaceACampaignPublishedAgainUnderItsName() throws Exception {
        open(List.of(), null);
        harness.processBroadcastElement(winter, 0L);
        Map<String, String> sources = new HashMap<>(winter.sources());
        sources.put(Campaign.FILE, winter.sources().get(Campaign.FILE).replace("from: 2025-12-15",
                "from: 2026-01-15"));
        RuleSet later = new RuleSet("winter-2", sources);
        harness.processBroadcastElement(later, 0L);

        send(payrollDelay(E1, IN_WINTER)); // 01-10: in the first version's days, not in the second's

        harness.watermark(IN_WINTER.toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getBroadcastState(RuleSetState.DESCRIPTOR).entries()).hasSize(1);
    }

    @Test
    void shouldHonourACampaignGivenAtTheStartBeforeAnyIsPublished() throws Exception {
        open(List.of(winter), null);

        send(payrollDelay(E1, IN_WINTER));
        harness.watermark(IN_WINTER.toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::ruleSetVersion).containsExactly(winter.version());
    }

    @Test
    void shouldStillJudgeByTheCampaignAfterARestore() throws Exception {
        open(List.of(), null);
        harness.processBroadcastElement(winter, 0L);
        send(payrollDelay(E1, IN_WINTER)); // waiting for the watermark when the snapshot is taken
        OperatorSubtaskState snapshot = harness.snapshot(1L, 0L);
        harness.close();

        open(List.of(), snapshot); // a job started without campaigns: what it restores has one
        harness.watermark(IN_WINTER.toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::ruleSetVersion).containsExactly(winter.version());
    }

    @Test
    void shouldReadTheExampleAsACampaignOfTheWinterBeforeTheSpringFestival() throws Exception {
        assertThat(Files.isRegularFile(WINTER_DIR.resolve(Campaign.FILE))).isTrue();
        Campaign campaign = Campaign.of(winter).orElseThrow();

        assertThat(campaign.from()).hasToString("2025-12-15");
        assertThat(campaign.until()).hasToString("2026-02-17");
    }
}
