package org.laborwatch.engine.scenario;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.laborwatch.engine.scenario.Scenario.Enterprise;
import org.laborwatch.engine.scenario.Scenario.Expectation;
import org.laborwatch.engine.scenario.Scenario.Step;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.RiskLevel;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads scenario files: YAML, UTF-8, in the format docs/rule-authoring.md describes ("Scenarios"). A mistake is
 * reported with the file, the scenario and the field, and what would be right; a key nobody reads is a mistake too,
 * so a misspelt {@code amout} does not silently test nothing.
 */
public final class ScenarioFiles {
    /** Day 0 when a file does not say: a Monday. */
    static final LocalDate DEFAULT_START = LocalDate.of(2025, 3, 3);
    /** The time of day of {@code day N} when none is written: office hours, when most signals are recorded. */
    static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);
    /** The enterprise of a scenario that lists none. */
    static final String DEFAULT_ENTERPRISE = "A";

    private static final Pattern DAY = Pattern.compile("(?:day|第)\\s*(\\d+)\\s*天?(?:\\s+(\\d{1,2}:\\d{2}))?");
    private static final Pattern AFTER =
            Pattern.compile("\\+\\s*(?:(\\d+)\\s*d)?\\s*(?:(\\d+)\\s*h)?\\s*(?:(\\d+)\\s*m)?");

    private static final Set<String> FILE_KEYS = Set.of("start", "scenarios");
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "start", "enterprises", "signals", "expect");
    private static final Set<String> ENTERPRISE_KEYS = Set.of("name", "district", "industry", "creditCode");
    private static final Set<String> SIGNAL_KEYS = Set.of("at", "enterprise", "type", "source", "amount", "workers",
            "months", "attributes", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("level", "levels", "alerts", "fired", "notFired");

    private final ZoneId zone;

    /** @param zone the city's zone, in which {@code day 0} begins */
    public ScenarioFiles(ZoneId zone) {
        this.zone = zone;
    }

    /** Every {@code *.yaml} and {@code *.yml} file directly in {@code dir}, in name order. */
    public static List<Path> in(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted().toList();
        }
    }

    /** The scenarios of every file of {@link #in(Path) a directory}, file by file. */
    public List<Scenario> readDirectory(Path dir) throws IOException, ScenarioFormatException {
        List<Scenario> all = new ArrayList<>();
        for (Path file : in(dir)) {
            all.addAll(read(file));
        }
        return all;
    }

    public List<Scenario> read(Path file) throws IOException, ScenarioFormatException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** @param fileName how reports name the file */
    public List<Scenario> parse(String fileName, String yaml) throws ScenarioFormatException {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(fileName).build())
                    .loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ScenarioFormatException(fileName + ": not valid YAML: " + e.getMessage());
        }
        Where where = new Where(fileName, "");
        Map<String, Object> file = map(root, where);
        known(file, FILE_KEYS, where);
        LocalDate start = date(file.get("start"), where.at("start"), DEFAULT_START);
        List<Object> items = list(required(file, "scenarios", where), where.at("scenarios"));
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Scenario scenario = scenario(fileName, items.get(i), where.at("scenarios[" + (i + 1) + "]"), start);
            if (!names.add(scenario.name())) {
                throw new ScenarioFormatException(fileName + ": two scenarios are called \"" + scenario.name()
                        + "\"; give each its own name");
            }
            scenarios.add(scenario);
        }
        return scenarios;
    }

    private Scenario scenario(String fileName, Object item, Where where, LocalDate fileStart)
            throws ScenarioFormatException {
        Map<String, Object> s = map(item, where);
        String name = text(required(s, "name", where), where.at("name"));
        where = new Where(fileName, "scenario \"" + name + "\"");
        known(s, SCENARIO_KEYS, where);
        LocalDate start = date(s.get("start"), where.at("start"), fileStart);

        Map<String, Enterprise> enterprises = new LinkedHashMap<>();
        if (s.get("enterprises") == null) {
            enterprises.put(DEFAULT_ENTERPRISE, new Enterprise(DEFAULT_ENTERPRISE, null, null, null, null));
        } else {
            for (Map.Entry<String, Object> e : map(s.get("enterprises"), where.at("enterprises")).entrySet()) {
                enterprises.put(e.getKey(), enterprise(e.getKey(), e.getValue(),
                        where.at("enterprises").at(e.getKey())));
            }
            if (enterprises.isEmpty()) {
                throw where.at("enterprises").problem("is empty; list at least one enterprise, or leave it out");
            }
        }

        List<Object> items = list(required(s, "signals", where), where.at("signals"));
        if (items.isEmpty()) {
            throw where.at("signals").problem("is empty; a scenario needs at least one signal");
        }
        List<Step> steps = new ArrayList<>();
        Instant previous = null;
        for (int i = 0; i < items.size(); i++) {
            Step step = step(i + 1, items.get(i), where.at("signals[" + (i + 1) + "]"), start, previous,
                    enterprises);
            steps.add(step);
            previous = step.at();
        }
        Expectation expect = expectation(s.get("expect"), where.at("expect"), enterprises.keySet(), null);
        if (expect == null) {
            throw where.problem("has no expect: say at least what level, alerts or rules you expect");
        }
        return new Scenario(fileName, name, enterprises, steps, expect);
    }

    private static Enterprise enterprise(String label, Object item, Where where) throws ScenarioFormatException {
        Map<String, Object> e = item == null ? Map.of() : map(item, where);
        known(e, ENTERPRISE_KEYS, where);
        String code = optionalText(e.get("creditCode"), where.at("creditCode"));
        if (code != null && CreditCode.problem(code) != null) {
            throw where.at("creditCode").problem("\"" + code + "\" is not a unified social credit code: "
                    + CreditCode.problem(code));
        }
        return new Enterprise(label, code, optionalText(e.get("name"), where.at("name")),
                optionalText(e.get("district"), where.at("district")),
                optionalText(e.get("industry"), where.at("industry")));
    }

    private Step step(int number, Object item, Where where, LocalDate start, Instant previous,
                      Map<String, Enterprise> enterprises) throws ScenarioFormatException {
        Map<String, Object> s = map(item, where);
        known(s, SIGNAL_KEYS, where);
        String when = text(required(s, "at", where), where.at("at"));
        Instant at = time(when, start, previous, where.at("at"));
        String enterprise = optionalText(s.get("enterprise"), where.at("enterprise"));
        if (enterprise == null) {
            if (enterprises.size() > 1) {
                throw where.problem("has no enterprise: the scenario has several (" + String.join(", ",
                        enterprises.keySet()) + "), say which one");
            }
            enterprise = enterprises.keySet().iterator().next();
        } else if (!enterprises.containsKey(enterprise)) {
            throw where.at("enterprise").problem("\"" + enterprise + "\" is not one of the scenario's enterprises ("
                    + String.join(", ", enterprises.keySet()) + ")");
        }
        SignalType type = signalType(text(required(s, "type", where), where.at("type")), where.at("type"));
        String sourceText = optionalText(s.get("source"), where.at("source"));
        SignalSource source = sourceText == null ? defaultSource(type)
                : named(SignalSource.class, sourceText, where.at("source"));
        Map<String, String> attributes = new TreeMap<>();
        if (s.get("attributes") != null) {
            for (Map.Entry<String, Object> a : map(s.get("attributes"), where.at("attributes")).entrySet()) {
                attributes.put(a.getKey(), text(a.getValue(), where.at("attributes").at(a.getKey())));
            }
        }
        return new Step(number, enterprise, at, when, type, source,
                amount(s.get("amount"), where.at("amount")),
                count(s.get("workers"), where.at("workers")),
                count(s.get("months"), where.at("months")),
                attributes,
                expectation(s.get("expect"), where.at("expect"), enterprises.keySet(), enterprise));
    }

    /**
     * @param signalEnterprise for a signal's expectation, its enterprise: {@code level} is then that enterprise's
     */
    private static Expectation expectation(Object item, Where where, Set<String> enterprises,
                                           String signalEnterprise) throws ScenarioFormatException {
        if (item == null) {
            return null;
        }
        Map<String, Object> e = map(item, where);
        known(e, EXPECT_KEYS, where);
        Map<String, RiskLevel> levels = null;
        if (e.containsKey("level") && e.containsKey("levels")) {
            throw where.problem("has both level and levels; use level for one enterprise, levels for several");
        }
        if (e.containsKey("level")) {
            String only = signalEnterprise;
            if (only == null) {
                if (enterprises.size() > 1) {
                    throw where.at("level").problem("is ambiguous: the scenario has several enterprises; write "
                            + "levels: {" + String.join(": ..., ", enterprises) + ": ...}");
                }
                only = enterprises.iterator().next();
            }
            levels = Map.of(only, level(e.get("level"), where.at("level")));
        } else if (e.containsKey("levels")) {
            levels = new LinkedHashMap<>();
            for (Map.Entry<String, Object> l : map(e.get("levels"), where.at("levels")).entrySet()) {
                if (!enterprises.contains(l.getKey())) {
                    throw where.at("levels").at(l.getKey()).problem("is not one of the scenario's enterprises ("
                            + String.join(", ", enterprises) + ")");
                }
                levels.put(l.getKey(), level(l.getValue(), where.at("levels").at(l.getKey())));
            }
        }
        List<RiskLevel> alerts = null;
        if (e.containsKey("alerts")) {
            alerts = new ArrayList<>();
            Object a = e.get("alerts");
            if (a != null && !(a instanceof List)) {
                throw where.at("alerts").problem("must be a list of levels, in the order the alerts are raised: "
                        + "[YELLOW, RED], or [] for none");
            }
            List<Object> items = a == null ? List.of() : list(a, where.at("alerts"));
            for (int i = 0; i < items.size(); i++) {
                alerts.add(level(items.get(i), where.at("alerts[" + (i + 1) + "]")));
            }
        }
        Set<String> fired = ruleIds(e.get("fired"), where.at("fired"));
        Set<String> notFired = ruleIds(e.get("notFired"), where.at("notFired"));
        if (fired != null && notFired != null) {
            for (String id : fired) {
                if (notFired.contains(id)) {
                    throw where.problem(id + " is under both fired and notFired");
                }
            }
        }
        if (levels == null && alerts == null && fired == null && notFired == null) {
            throw where.problem("is empty; say what level, alerts or rules (fired, notFired) you expect");
        }
        return new Expectation(levels, alerts, fired, notFired);
    }

    private static Set<String> ruleIds(Object item, Where where) throws ScenarioFormatException {
        if (item == null) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (item instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                ids.add(text(l.get(i), where.at("[" + (i + 1) + "]")));
            }
        } else {
            ids.add(text(item, where));
        }
        return ids;
    }

    /**
     * {@code day 3}, {@code day 3 14:30}, {@code 第3天}: from day 0; {@code +2d}, {@code +4h}, {@code +1d 6h}: from the
     * signal before.
     */
    private Instant time(String text, LocalDate start, Instant previous, Where where) throws ScenarioFormatException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher day = DAY.matcher(t);
        if (day.matches()) {
            LocalTime time = DEFAULT_TIME;
            if (day.group(2) != null) {
                try {
                    time = LocalTime.parse(day.group(2).length() == 4 ? "0" + day.group(2) : day.group(2));
                } catch (DateTimeParseException e) {
                    throw where.problem("\"" + text + "\": " + day.group(2) + " is not a time of day (hh:mm)");
                }
            }
            return start.plusDays(Long.parseLong(day.group(1))).atTime(time).atZone(zone).toInstant();
        }
        Matcher after = AFTER.matcher(t);
        if (after.matches() && (after.group(1) != null || after.group(2) != null || after.group(3) != null)) {
            if (previous == null) {
                throw where.problem("\"" + text + "\" counts from the signal before, and this is the first one; "
                        + "write day 0");
            }
            Duration d = Duration.ofDays(number(after.group(1))).plusHours(number(after.group(2)))
                    .plusMinutes(number(after.group(3)));
            return previous.plus(d);
        }
        throw where.problem("\"" + text + "\" is not a time; write day 3 (or day 3 14:30) from the start, "
                + "or +2d, +4h, +1d 6h after the signal before");
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    /**
     * Where a signal of each type usually comes from (DESIGN.md, "Arrival"), for a scenario that does not say: the
     * rules rarely look at the source, but the job's dedupe key and lateness do.
     */
    static SignalSource defaultSource(SignalType type) {
        return switch (type) {
            case WAGE_ARREARS, PAYROLL_DELAY, ARBITRATION_CASE, LAYOFF, ENTERPRISE_STATUS, CASE_OUTCOME ->
                    SignalSource.HRSS;
            case COMPLAINT -> SignalSource.HOTLINE_12345;
            case CONSULTATION, COLLECTIVE_INCIDENT -> SignalSource.UNION;
            case SOCIAL_INSURANCE_ARREARS -> SignalSource.SOCIAL_INSURANCE;
            case UTILITY_ARREARS -> SignalSource.UTILITY;
            case TAX_ARREARS -> SignalSource.TAX;
            case LAWSUIT -> SignalSource.COURT;
            case LEGAL_AID -> SignalSource.JUSTICE;
        };
    }

    private static SignalType signalType(String text, Where where) throws ScenarioFormatException {
        for (SignalType type : SignalType.values()) {
            if (type.label().equals(text.trim())) {
                return type;
            }
        }
        return named(SignalType.class, text, where);
    }

    /** {@code RED}, {@code red}, {@code 红色} or {@code 红}; {@code NONE} or {@code 无}. */
    static RiskLevel level(Object item, Where where) throws ScenarioFormatException {
        String text = text(item, where).trim();
        for (RiskLevel level : RiskLevel.values()) {
            if (level.label().equals(text) || level.label().equals(text + "色")) {
                return level;
            }
        }
        return named(RiskLevel.class, text, where);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String text, Where where)
            throws ScenarioFormatException {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw where.problem("\"" + text + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static BigDecimal amount(Object item, Where where) throws ScenarioFormatException {
        if (item == null) {
            return null;
        }
        if (!(item instanceof Number n)) {
            throw where.problem("\"" + item + "\" is not a number of yuan (write 300000, not 30万 or 300,000)");
        }
        BigDecimal amount = new BigDecimal(n.toString());
        if (amount.signum() < 0) {
            throw where.problem("is negative");
        }
        return amount;
    }

    private static Integer count(Object item, Where where) throws ScenarioFormatException {
        if (item == null) {
            return null;
        }
        if (!(item instanceof Integer || item instanceof Long) || ((Number) item).longValue() < 0
                || ((Number) item).longValue() > Integer.MAX_VALUE) {
            throw where.problem("\"" + item + "\" is not a whole number of zero or more");
        }
        return ((Number) item).intValue();
    }

    private static LocalDate date(Object item, Where where, LocalDate otherwise) throws ScenarioFormatException {
        if (item == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text(item, where));
        } catch (DateTimeParseException e) {
            throw where.problem("\"" + item + "\" is not a date; write it as 2025-03-03");
        }
    }

    private static Object required(Map<String, Object> map, String key, Where where) throws ScenarioFormatException {
        Object value = map.get(key);
        if (value == null) {
            throw where.problem("has no " + key);
        }
        return value;
    }

    private static void known(Map<String, Object> map, Set<String> keys, Where where)
            throws ScenarioFormatException {
        for (String key : map.keySet()) {
            if (!keys.contains(key)) {
                throw where.at(key).problem("is not a field here; the fields are " + String.join(", ",
                        keys.stream().sorted().toList()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object item, Where where) throws ScenarioFormatException {
        if (!(item instanceof Map<?, ?> m)) {
            throw where.problem("must be a set of key: value lines");
        }
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                throw where.problem("has a key that is not text: " + key);
            }
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object item, Where where) throws ScenarioFormatException {
        if (!(item instanceof List<?>)) {
            throw where.problem("must be a list (lines starting with -)");
        }
        return (List<Object>) item;
    }

    private static String text(Object item, Where where) throws ScenarioFormatException {
        if (item == null || item instanceof Map || item instanceof List) {
            throw where.problem("must be a single value");
        }
        return item.toString();
    }

    private static String optionalText(Object item, Where where) throws ScenarioFormatException {
        return item == null ? null : text(item, where);
    }

    /** A place in a file, as a reader finds it: {@code arrears.yaml: scenario "x" > signals[2] > at}. */
    record Where(String file, String path) {
        Where at(String key) {
            return new Where(file, path.isEmpty() ? key : path + " > " + key);
        }

        ScenarioFormatException problem(String message) {
            return new ScenarioFormatException(file + ": " + (path.isEmpty() ? "" : path + " ") + message);
        }
    }
}
