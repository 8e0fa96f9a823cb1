package org.laborwatch.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.E2;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * An embedded run with the library and the winter campaign example (a single payroll delay in construction is a
 * warning from 2025-12-15 to 2026-02-17, Qingdao's days): the same signal raises an alert on a day of the campaign and
 * none on the day before it or after it, and the outputs are the same to the byte whatever the order of the lines.
 */
class CampaignRunIT {
    private static final String E3 = CreditCode.withCheckCharacter("91370203MA3C00003");
    private static final Path WINTER = Path.of("..", "rules", "examples", "campaigns", "winter-wage-campaign");

    @TempDir
    static Path dir;
    static RuleSet winter;
    static List<String> lines;
    static EmbeddedRun.Outcome inOrder;

    @BeforeAll
    static void runInEventTimeOrder() throws Exception {
        winter = RuleSets.fromDirectory(WINTER, null);
        SignalCodec codec = SignalCodec.defaults();
        lines = new ArrayList<>();
        for (Signal s : List.of(
                payrollDelay(E3, "2025-12-14T15:30:00Z"), // 23:30 the evening before the campaign
                payrollDelay(E1, "2026-01-10T01:00:00Z"), // 09:00 in the campaign
                payrollDelay(E2, "2026-02-17T16:30:00Z"))) { // 00:30 the morning after it ended
            lines.add(codec.encode(s));
        }
        inOrder = run("in-order", lines);
    }

    private static Signal payrollDelay(String enterprise, String at) {
        return Signals.of(SignalType.PAYROLL_DELAY, enterprise, Instant.parse(at)); // a construction firm
    }

    private static EmbeddedRun.Outcome run(String name, List<String> signalLines) throws Exception {
        Path input = dir.resolve(name + ".jsonl");
        Files.write(input, signalLines, StandardCharsets.UTF_8);
        return EmbeddedRun.run(new EmbeddedRun.Options(List.of(input), dir.resolve("out-" + name),
                RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                SignalCodec.defaults(), 2, List.of(winter)));
    }

    @Test
    void shouldRaiseTheConstructionAlertOnlyOnADayOfTheCampaign() {
        assertThat(inOrder.outputs().alerts()).extracting(Alert::enterpriseId, Alert::ruleSetVersion)
                .containsExactly(tuple(E1, winter.version()));
        assertThat(inOrder.outputs().alerts().get(0).hits()).extracting(Hit::ruleId).containsExactly("CST-004");
    }

    @Test
    void shouldGiveTheSameOutputsForTheLinesInReverseOrder() throws Exception {
        List<String> reversed = new ArrayList<>(lines);
        Collections.reverse(reversed);

        EmbeddedRun.Outcome outcome = run("reversed", reversed);

        assertThat(Files.readString(outcome.outputs().alertsFile()))
                .isEqualTo(Files.readString(inOrder.outputs().alertsFile()));
        assertThat(Files.readString(outcome.outputs().riskFile()))
                .isEqualTo(Files.readString(inOrder.outputs().riskFile()));
    }
}
