package org.laborwatch.rules.ruleset;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * Reads a rule's DRL metadata into a typed {@link RuleMeta}. The one place that knows the keys and how Drools hands
 * back their values (quoted or not, text or number).
 */
final class RuleMetadata {
    static final String ID = "id";
    static final String POINTS = "points";
    static final String AGENCIES = "agencies";
    static final String CRITICAL = "critical";
    static final String EVIDENCE = "evidence";

    private RuleMetadata() {
    }

    static String key(Rule rule) {
        return rule.getPackageName() + '.' + rule.getName();
    }

    /** The rule's metadata, or the problems that keep it from being used, added to {@code problems}. */
    static RuleMeta read(Rule rule, List<String> problems) {
        Map<String, Object> meta = rule.getMetaData();
        int before = problems.size();
        String id = text(meta.get(ID));
        if (id == null || id.isBlank()) {
            problems.add("rule \"" + rule.getName() + "\" has no @id");
        }
        int points = points(rule, meta.get(POINTS), problems);
        List<Agency> agencies = agencies(rule, meta.get(AGENCIES), problems);
        boolean critical = "true".equalsIgnoreCase(text(meta.get(CRITICAL)));
        Set<SignalType> evidence = evidence(rule, meta.get(EVIDENCE), problems);
        if (problems.size() > before) {
            return null;
        }
        return new RuleMeta(rule.getName(), id, points, agencies, critical, evidence);
    }

    private static int points(Rule rule, Object raw, List<String> problems) {
        String text = text(raw);
        if (text == null) {
            problems.add("rule \"" + rule.getName() + "\" has no @points");
            return 0;
        }
        try {
            int points = Integer.parseInt(text.trim());
            if (points < 0 || points > 100) {
                problems.add("rule \"" + rule.getName() + "\" has @points(" + points + "), expected 0 to 100");
            }
            return points;
        } catch (NumberFormatException e) {
            problems.add("rule \"" + rule.getName() + "\" has @points(" + text + "), not a whole number");
            return 0;
        }
    }

    private static List<Agency> agencies(Rule rule, Object raw, List<String> problems) {
        List<Agency> agencies = new ArrayList<>();
        for (String name : list(raw)) {
            try {
                agencies.add(Agency.valueOf(name));
            } catch (IllegalArgumentException e) {
                problems.add("rule \"" + rule.getName() + "\" names unknown agency " + name
                        + " in @agencies; known: " + List.of(Agency.values()));
            }
        }
        if (agencies.isEmpty() && text(raw) == null) {
            problems.add("rule \"" + rule.getName() + "\" has no @agencies");
        }
        return agencies;
    }

    private static Set<SignalType> evidence(Rule rule, Object raw, List<String> problems) {
        Set<SignalType> types = EnumSet.noneOf(SignalType.class);
        for (String name : list(raw)) {
            try {
                types.add(SignalType.valueOf(name));
            } catch (IllegalArgumentException e) {
                problems.add("rule \"" + rule.getName() + "\" names unknown signal type " + name + " in @evidence");
            }
        }
        return types;
    }

    private static List<String> list(Object raw) {
        String text = text(raw);
        List<String> items = new ArrayList<>();
        if (text == null) {
            return items;
        }
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    /** Drools keeps the quotes of {@code @id("X")} in some versions and drops them in others. */
    private static String text(Object raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }
}
