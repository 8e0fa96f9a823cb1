package org.laborwatch.engine.calibrate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;

/**
 * What counts as a dispute breaking out when the history has no answer key: a list of signal types, each with
 * optional conditions on its workers, amount or months, e.g.
 * {@code COLLECTIVE_INCIDENT; WAGE_ARREARS workers>=30; LAWSUIT workers>=10}. An enterprise erupts at its first signal
 * that meets any one of them. A condition on a number the signal does not carry is not met: a lawsuit that names no
 * workers is not "a lawsuit by many workers".
 */
public record Eruptions(String text, List<Criterion> criteria) {
    /** {@code --eruptions default}: a collective incident, wage arrears for many workers, a lawsuit by many workers. */
    public static final String DEFAULT = "COLLECTIVE_INCIDENT; WAGE_ARREARS workers>=30; LAWSUIT workers>=10";

    private static final Pattern CONDITION =
            Pattern.compile("(workers|amount|months)(>=|<=|>|<|=)(\\d+(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);
    private static final String CONDITION_FORM = "a condition is workers, amount or months, then >=, >, <=, < or =, "
            + "then a number (e.g. workers>=30)";

    public Eruptions {
        criteria = List.copyOf(criteria);
    }

    public enum Field {
        WORKERS, AMOUNT, MONTHS;

        BigDecimal of(Signal s) {
            return switch (this) {
                case WORKERS -> s.workers() == null ? null : BigDecimal.valueOf(s.workers());
                case AMOUNT -> s.amount();
                case MONTHS -> s.months() == null ? null : BigDecimal.valueOf(s.months());
            };
        }
    }

    public record Condition(Field field, String comparison, BigDecimal value) {
        boolean test(Signal s) {
            BigDecimal actual = field.of(s);
            if (actual == null) {
                return false;
            }
            int c = actual.compareTo(value);
            return switch (comparison) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                default -> c == 0;
            };
        }

        @Override
        public String toString() {
            return field.name().toLowerCase(Locale.ROOT) + comparison + value.toPlainString();
        }
    }

    public record Criterion(SignalType type, List<Condition> conditions) {
        public Criterion {
            conditions = List.copyOf(conditions);
        }

        boolean matches(Signal s) {
            if (s.type() != type) {
                return false;
            }
            for (Condition c : conditions) {
                if (!c.test(s)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return conditions.isEmpty() ? type.name()
                    : type.name() + " " + conditions.stream().map(Condition::toString).collect(Collectors.joining(" "));
        }
    }

    /**
     * @param text the definition, or {@code default} for {@link #DEFAULT}
     * @throws IllegalArgumentException saying which part could not be read and what was expected there
     */
    public static Eruptions parse(String text) {
        String definition = text == null ? "" : text.strip();
        if (definition.equalsIgnoreCase("default")) {
            definition = DEFAULT;
        }
        List<Criterion> criteria = new ArrayList<>();
        for (String part : definition.split(";")) {
            if (!part.isBlank()) {
                criteria.add(criterion(part.strip(), definition));
            }
        }
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("the eruption definition is empty: name at least one signal type, "
                    + "e.g. \"" + DEFAULT + "\" (or \"default\" for that)");
        }
        return new Eruptions(definition, criteria);
    }

    private static Criterion criterion(String part, String definition) {
        String[] words = part.split("\\s+", 2);
        SignalType type;
        try {
            type = SignalType.valueOf(words[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eruption definition \"" + definition + "\": \"" + words[0]
                    + "\" is not a signal type; one of " + Arrays.toString(SignalType.values()), e);
        }
        List<Condition> conditions = new ArrayList<>();
        // Spaces around an operator are allowed ("workers >= 30"): read the rest without them.
        String rest = words.length > 1 ? words[1].replaceAll("\\s+", "") : "";
        Matcher m = CONDITION.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            m.region(at, rest.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("eruption definition \"" + definition + "\": cannot read \""
                        + rest.substring(at) + "\" after " + type + ": " + CONDITION_FORM
                        + "; criteria are separated by ';'");
            }
            conditions.add(new Condition(Field.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2),
                    new BigDecimal(m.group(3))));
            at = m.end();
        }
        return new Criterion(type, conditions);
    }

    public boolean isEruption(Signal s) {
        for (Criterion c : criteria) {
            if (c.matches(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return criteria.stream().map(Criterion::toString).collect(Collectors.joining("; "));
    }
}
