package org.laborwatch.rules.ruleset;

import java.util.Map;
import java.util.TreeMap;

/**
 * A versioned set of rule sources as authors wrote them: file name to DRL text, to a CSV decision table's text, or to
 * the base64 of an XLSX decision table's bytes. This, not a compiled KieBase nor DRL generated from a table, is what
 * travels through Kafka and broadcast state; every holder compiles it itself ({@link DecisionTable}).
 */
public record RuleSet(String version, Map<String, String> sources) implements java.io.Serializable {

    public RuleSet {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a rule set needs a version");
        }
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("rule set " + version + " has no rule sources");
        }
        sources = Map.copyOf(new TreeMap<>(sources));
    }
}
