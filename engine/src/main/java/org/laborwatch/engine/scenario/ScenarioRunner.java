package org.laborwatch.engine.scenario;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.embedded.RunOutputs;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.scenario.Scenario.Enterprise;
import org.laborwatch.engine.scenario.Scenario.Expectation;
import org.laborwatch.engine.scenario.Scenario.Step;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;

/**
 * Runs scenarios through the job itself and compares what it did with what their authors expected.
 *
 * <p>Nothing here judges a signal: the scenarios' signals are written as JSON Lines and run through
 * {@link EmbeddedRun}, the same {@code LaborwatchJob} a file run and the stack run (decoding and validation, dedupe,
 * event-time order, features, the rule set, scoring, suppression and alerts), with every risk snapshot kept. The
 * rules that fired on a signal are the hits the snapshot after it shows with that signal as their trigger; the level
 * after a signal is the enterprise's latest snapshot at its time.
 *
 * <p>All scenarios go through one run, so a directory of them costs one job. Each enterprise of each scenario gets a
 * credit code of its own for the run, so scenarios never share an enterprise's state, whatever codes their authors
 * wrote.
 */
public final class ScenarioRunner {
    /** The first 7 characters of the codes a run gives enterprises; then 5 digits of scenario, 5 of enterprise. */
    static final String CODE_PREFIX = "9137020";

    private final RuleSet rules;
    private final RiskConfig risk;
    private final SignalCodec codec;

    public ScenarioRunner(RuleSet rules, RiskConfig risk, SignalCodec codec) {
        this.rules = rules;
        this.risk = risk;
        this.codec = codec;
    }

    /** Judges with the engine's bundled configuration ({@code config/laborwatch.properties}), Qingdao's districts. */
    public static ScenarioRunner forRules(RuleSet rules) {
        return new ScenarioRunner(rules, RiskConfig.defaults(), SignalCodec.defaults());
    }

    /** Reads every scenario file of {@code dir} ({@link ScenarioFiles}) and runs them all. */
    public List<ScenarioResult> runDirectory(Path dir) throws IOException, ScenarioFormatException, RuleSetRejected {
        return run(new ScenarioFiles(codec.zone()).readDirectory(dir));
    }

    /**
     * @return one result per scenario, in the order given
     * @throws RuleSetRejected the rule set does not compile: no scenario can run
     */
    public List<ScenarioResult> run(List<Scenario> scenarios) throws IOException, RuleSetRejected {
        Set<String> ruleIds = new TreeSet<>();
        for (RuleMeta meta : RuleSetCache.compile(rules).rules()) {
            ruleIds.add(meta.id());
        }
        if (scenarios.isEmpty()) {
            return List.of();
        }
        Path work = Files.createTempDirectory("laborwatch-scenarios");
        try {
            Map<String, Located> bySignalId = new HashMap<>();
            Map<String, String> codes = new HashMap<>();
            Path input = work.resolve("signals.jsonl");
            try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario scenario = scenarios.get(i);
                    int e = 0;
                    for (String label : scenario.enterprises().keySet()) {
                        codes.put(i + "/" + label,
                                CreditCode.withCheckCharacter(CODE_PREFIX + String.format("%05d%05d", i, e++)));
                    }
                    for (Step step : scenario.signals()) {
                        Signal signal = signal(scenario, step, "scenario-" + (i + 1) + "-signal-" + step.number(),
                                codes.get(i + "/" + step.enterprise()));
                        bySignalId.put(signal.id(), new Located(i, step));
                        out.write(codec.encode(signal));
                        out.write('\n');
                    }
                }
            }
            Path outDir = work.resolve("out");
            EmbeddedRun.runSmall(input, outDir, rules, List.of(), risk, codec, RiskConfig.Snapshots.ON_CHANGE, "the scenarios");
            var zone = codec.zone();
            List<Alert> alerts = RunOutputs.committed(outDir, RunOutputs.ALERTS, () -> RecordCodec.alerts(zone));
            List<RiskSnapshot> snapshots = RunOutputs.committed(outDir, RunOutputs.RISK,
                    () -> RecordCodec.riskSnapshots(zone));
            List<DeadLetter> deadLetters = RunOutputs.committed(outDir, RunOutputs.DEAD_LETTERS,
                    () -> RecordCodec.deadLetters(zone));

            List<Course> courses = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                courses.add(new Course(scenarios.get(i)));
            }
            Map<String, Course> byCode = new HashMap<>();
            Map<String, String> labelByCode = new HashMap<>();
            for (Map.Entry<String, String> c : codes.entrySet()) {
                int slash = c.getKey().indexOf('/');
                byCode.put(c.getValue(), courses.get(Integer.parseInt(c.getKey().substring(0, slash))));
                labelByCode.put(c.getValue(), c.getKey().substring(slash + 1));
            }
            snapshots.stream().sorted(Comparator.comparing(RiskSnapshot::asOf)).forEach(s -> {
                Course course = byCode.get(s.enterpriseId());
                if (course != null) {
                    course.snapshot(labelByCode.get(s.enterpriseId()), s, bySignalId);
                }
            });
            alerts.stream().sorted(Comparator.comparing(Alert::raisedAt)).forEach(a -> {
                Located at = bySignalId.get(a.triggerSignalId());
                if (at != null) {
                    courses.get(at.scenario()).alert(at.step(), a);
                }
            });
            for (DeadLetter d : deadLetters) {
                for (Map.Entry<String, Located> s : bySignalId.entrySet()) {
                    if (d.raw().contains("\"" + s.getKey() + "\"")) {
                        courses.get(s.getValue().scenario()).reject(s.getValue().step(), d);
                    }
                }
            }
            return courses.stream().map(c -> c.judge(ruleIds)).toList();
        } finally {
            RunOutputs.deleteRecursively(work);
        }
    }

    private static Signal signal(Scenario scenario, Step step, String id, String code) {
        Enterprise e = scenario.enterprises().get(step.enterprise());
        return new Signal(id, step.type(), code, e.name(), e.district(), e.industry(), step.source(), step.at(),
                step.amount(), step.workers(), step.months(), step.attributes());
    }

    private record Located(int scenario, Step step) {
    }

    /** What the engine did with one scenario's signals, and the comparison with what was expected. */
    private static final class Course {
        final Scenario scenario;
        /** Per enterprise, its snapshots in event-time order. */
        final Map<String, List<RiskSnapshot>> snapshots = new LinkedHashMap<>();
        final Map<Step, Set<String>> firedOn = new HashMap<>();
        final Map<Step, List<Hit>> hitsOn = new HashMap<>();
        final Map<Step, List<Alert>> alertsOn = new HashMap<>();
        final List<Alert> alerts = new ArrayList<>();
        final Map<Step, String> rejected = new HashMap<>();

        Course(Scenario scenario) {
            this.scenario = scenario;
        }

        void snapshot(String label, RiskSnapshot s, Map<String, Located> bySignalId) {
            snapshots.computeIfAbsent(label, l -> new ArrayList<>()).add(s);
            for (Hit hit : s.hits()) {
                Located trigger = hit.signalIds().isEmpty() ? null : bySignalId.get(hit.signalIds().get(0));
                if (trigger != null && trigger.step().at().equals(hit.at())
                        && firedOn.computeIfAbsent(trigger.step(), t -> new LinkedHashSet<>()).add(hit.ruleId())) {
                    hitsOn.computeIfAbsent(trigger.step(), t -> new ArrayList<>()).add(hit);
                }
            }
        }

        void alert(Step step, Alert alert) {
            alerts.add(alert);
            alertsOn.computeIfAbsent(step, t -> new ArrayList<>()).add(alert);
        }

        void reject(Step step, DeadLetter d) {
            rejected.put(step, d.reason().code() + ": " + d.reason().message());
        }

        /** The enterprise's latest snapshot at or before {@code at}, or null while it has none. */
        RiskSnapshot latest(String label, Instant at) {
            RiskSnapshot latest = null;
            for (RiskSnapshot s : snapshots.getOrDefault(label, List.of())) {
                if (!s.asOf().isAfter(at)) {
                    latest = s;
                }
            }
            return latest;
        }

        ScenarioResult judge(Set<String> ruleIds) {
            List<String> problems = new ArrayList<>();
            for (Step step : scenario.signals()) {
                if (rejected.containsKey(step)) {
                    problems.add(step.describe() + " was rejected before judging: " + rejected.get(step));
                }
            }
            Instant end = Instant.MAX;
            Set<String> firedAnywhere = new LinkedHashSet<>();
            for (Step step : scenario.signals()) {
                firedAnywhere.addAll(firedOn.getOrDefault(step, Set.of()));
            }
            compare(scenario.expect(), "at the end", end, alerts, firedAnywhere, ruleIds, problems);
            for (Step step : scenario.signals()) {
                if (step.expect() != null) {
                    compare(step.expect(), "after " + step.describe(), step.at(),
                            alertsOn.getOrDefault(step, List.of()), firedOn.getOrDefault(step, Set.of()), ruleIds,
                            problems);
                }
            }
            return new ScenarioResult(scenario, problems, course());
        }

        private void compare(Expectation expect, String when, Instant at, List<Alert> raised, Set<String> fired,
                             Set<String> ruleIds, List<String> problems) {
            if (expect.levels() != null) {
                for (Map.Entry<String, RiskLevel> e : expect.levels().entrySet()) {
                    RiskSnapshot s = latest(e.getKey(), at);
                    RiskLevel actual = s == null ? RiskLevel.NONE : s.level();
                    if (actual != e.getValue()) {
                        problems.add("level of " + e.getKey() + " " + when + ": expected " + e.getValue()
                                + ", got " + actual + String.format(" (score %.1f)", s == null ? 0.0 : s.score()));
                    }
                }
            }
            if (expect.alerts() != null) {
                List<RiskLevel> actual = raised.stream().map(Alert::level).toList();
                if (!actual.equals(expect.alerts())) {
                    problems.add("alerts " + when + ": expected " + expect.alerts() + ", got " + actual
                            + (raised.isEmpty() ? "" : " (" + raised.stream().map(this::describe)
                            .collect(Collectors.joining("; ")) + ")"));
                }
            }
            if (expect.fired() != null) {
                List<String> missing = expect.fired().stream().filter(id -> !fired.contains(id)).toList();
                if (!missing.isEmpty()) {
                    problems.add("rules that should have fired " + when + " but did not: " + String.join(", ", missing)
                            + " (fired: " + (fired.isEmpty() ? "none" : String.join(", ", fired)) + ")");
                }
                unknown(expect.fired(), "fired", ruleIds, problems);
            }
            if (expect.notFired() != null) {
                List<String> unexpected = expect.notFired().stream().filter(fired::contains).toList();
                if (!unexpected.isEmpty()) {
                    problems.add("rules that must not fire but did " + when + ": " + unexpected.stream()
                            .map(this::firedWhere).collect(Collectors.joining("; ")));
                }
                unknown(expect.notFired(), "notFired", ruleIds, problems);
            }
        }

        private static void unknown(Set<String> ids, String under, Set<String> ruleIds, List<String> problems) {
            for (String id : ids) {
                if (!ruleIds.contains(id)) {
                    problems.add("rule " + id + " (under " + under + ") is not in the rule set");
                }
            }
        }

        /** {@code CMP-001 on signal 3 (day 20, COMPLAINT of A): 近 30 天投诉 3 件...}. */
        private String firedWhere(String ruleId) {
            for (Step step : scenario.signals()) {
                for (Hit hit : hitsOn.getOrDefault(step, List.of())) {
                    if (hit.ruleId().equals(ruleId)) {
                        return ruleId + " on " + step.describe() + ": " + hit.reason();
                    }
                }
            }
            return ruleId;
        }

        private String describe(Alert alert) {
            for (Step step : scenario.signals()) {
                if (alertsOn.getOrDefault(step, List.of()).contains(alert)) {
                    return alert.level() + (alert.critical() ? " (critical)" : "") + " on " + step.describe();
                }
            }
            return alert.level().name();
        }

        /** One line per signal: {@code signal 2 (+10d, COMPLAINT of A) -> YELLOW 45.0, fired CMP-001 ..., alert YELLOW}. */
        private List<String> course() {
            List<String> lines = new ArrayList<>();
            for (Step step : scenario.signals()) {
                StringBuilder line = new StringBuilder(step.describe()).append(" -> ");
                if (rejected.containsKey(step)) {
                    lines.add(line.append("rejected: ").append(rejected.get(step)).toString());
                    continue;
                }
                RiskSnapshot s = latest(step.enterprise(), step.at());
                line.append(s == null ? RiskLevel.NONE : s.level())
                        .append(String.format(" %.1f", s == null ? 0.0 : s.score()));
                List<Hit> hits = hitsOn.getOrDefault(step, List.of());
                line.append(hits.isEmpty() ? ", no rule fired" : ", fired " + hits.stream()
                        .map(h -> h.ruleId() + " " + h.reason()).collect(Collectors.joining("; ")));
                for (Alert alert : alertsOn.getOrDefault(step, List.of())) {
                    line.append(", alert ").append(alert.level()).append(alert.critical() ? " (critical)" : "");
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
