package org.laborwatch.engine.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

/** The definition of a dispute from the signals: its syntax, its errors, and which signals meet it. */
class CalibrationEruptionsTest {

    @Test
    void shouldReadTheDefaultDefinition() {
        Eruptions e = Eruptions.parse("default");

        assertThat(e.toString()).isEqualTo("COLLECTIVE_INCIDENT; WAGE_ARREARS workers>=30; LAWSUIT workers>=10");
        assertThat(e.criteria()).hasSize(3);
    }

    @Test
    void shouldAllowSpacesAroundOperatorsAndSeveralConditions() {
        Eruptions e = Eruptions.parse(" wage_arrears workers >= 30 amount>100000.5 ; ");

        assertThat(e.toString()).isEqualTo("WAGE_ARREARS workers>=30 amount>100000.5");
    }

    @Test
    void shouldMeetADefinitionOnlyWhenEveryConditionHolds() {
        Eruptions e = Eruptions.parse("COLLECTIVE_INCIDENT; WAGE_ARREARS workers>=30 months>=2");

        assertThat(e.isEruption(signal(SignalType.COLLECTIVE_INCIDENT, null, null))).isTrue();
        assertThat(e.isEruption(signal(SignalType.WAGE_ARREARS, 30, 2))).isTrue();
        assertThat(e.isEruption(signal(SignalType.WAGE_ARREARS, 29, 2))).isFalse();
        assertThat(e.isEruption(signal(SignalType.WAGE_ARREARS, 30, null))).as("months not said: not met").isFalse();
        assertThat(e.isEruption(signal(SignalType.LAWSUIT, 100, 9))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type      | STRIKE workers>=10          | \"STRIKE\" is not a signal type; one of [WAGE_ARREARS",
        "bad operator      | WAGE_ARREARS workers=>30    | cannot read \"workers=>30\" after WAGE_ARREARS: a condition",
        "unknown field     | LAWSUIT people>=10          | cannot read \"people>=10\" after LAWSUIT",
        "missing separator | COLLECTIVE_INCIDENT LAWSUIT | cannot read \"LAWSUIT\" after COLLECTIVE_INCIDENT",
        "empty             | ' ; '                       | the eruption definition is empty: name at least one signal"})
    void shouldSayWhatItCouldNotRead(String name, String definition, String message) {
        assertThatThrownBy(() -> Eruptions.parse(definition)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static Signal signal(SignalType type, Integer workers, Integer months) {
        return new Signal("s1", type, "91370200MA3C0WFJ1X", null, null, null, SignalSource.HRSS,
                Instant.parse("2025-06-01T02:00:00Z"), BigDecimal.ONE, workers, months, Map.of());
    }
}
