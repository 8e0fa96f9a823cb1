package org.laborwatch.engine.scenario;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * One scenario of a scenario file (docs/rule-authoring.md, "Scenarios"): enterprises, their signals at given times,
 * and what the engine must make of them.
 *
 * @param file        the file it was read from, for reports
 * @param name        what the author called it (Chinese welcome); unique in its file
 * @param enterprises by the label signals use ({@code A}, {@code 甲}), in the order written
 * @param signals     in the order written; their times are absolute already
 * @param expect      what must hold once every signal is judged
 */
public record Scenario(String file, String name, Map<String, Enterprise> enterprises, List<Step> signals,
                       Expectation expect) {

    public Scenario {
        enterprises = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(enterprises));
        signals = List.copyOf(signals);
    }

    /** {@code file: name}, how reports name a scenario. */
    public String title() {
        return file + ": " + name;
    }

    /** An enterprise as its signals describe it; {@code creditCode} is null unless the author gave one. */
    public record Enterprise(String label, String creditCode, String name, String district, String industry) {
    }

    /**
     * One signal, and optionally what must hold right after the engine judged it.
     *
     * @param number     1-based position in the scenario's list, how reports name it ("signal 3")
     * @param when       the time as written ({@code day 3}, {@code +2d}), for reports
     * @param expect     null unless the author wrote an {@code expect:} under the signal
     */
    public record Step(int number, String enterprise, Instant at, String when, SignalType type, SignalSource source,
                       BigDecimal amount, Integer workers, Integer months, Map<String, String> attributes,
                       Expectation expect) {

        public Step {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        /** {@code signal 3 (day 10, WAGE_ARREARS of A)}. */
        public String describe() {
            return "signal " + number + " (" + when + ", " + type + " of " + enterprise + ")";
        }
    }

    /**
     * What must hold; every part is optional (null: not checked).
     *
     * @param levels   each enterprise's level (after the signal, for a signal's expectation; at the end otherwise)
     * @param alerts   the levels of the alerts raised, in order (by the signal, or in the whole scenario)
     * @param fired    rule ids that must fire (on the signal, or at least once in the scenario)
     * @param notFired rule ids that must not fire
     */
    public record Expectation(Map<String, RiskLevel> levels, List<RiskLevel> alerts, Set<String> fired,
                              Set<String> notFired) {
    }
}
