package org.laborwatch.engine.explain;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.embedded.RunOutputs;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetRejected;

/**
 * One enterprise's course through the engine: every signal, and after it the features, the hits and the score. The
 * real job judges the enterprise's signals (picked out of the input, since the engine judges each enterprise on its
 * own signals alone) with a risk snapshot after every signal, so what is explained is what the engine did, not a
 * retelling of it.
 *
 * @param steps in event-time order; signals of one instant are one step, as the engine leaves them one score
 */
public record EnterpriseCourse(String enterpriseId, String name, String ruleSetVersion, List<Step> steps) {

    /**
     * A moment of the course.
     *
     * @param snapshot the risk after the step's signals; null when the engine judged none of them (each was a
     *                 redelivery of a signal it had already judged)
     * @param features the features that changed at this step, before → after (all of them at the first step)
     */
    public record Step(Instant at, List<Signal> signals, RiskSnapshot snapshot, Map<String, Change> features,
                       List<Alert> alerts) {
    }

    /** A feature's value before and after a step; {@code before} is null at the first step. */
    public record Change(Double before, double after) {
    }

    /** Runs the enterprise's signals of {@code signalFiles} through the job with {@code rules}, working in {@code work}. */
    public static EnterpriseCourse of(List<Path> signalFiles, String enterpriseId, RuleSet rules, RiskConfig risk,
                                      Path work) throws IOException, RuleSetRejected {
        return of(signalFiles, enterpriseId, rules, List.of(), risk, work);
    }

    /** As above, with seasonal campaigns beside the rules: each judges the signals dated within its days. */
    public static EnterpriseCourse of(List<Path> signalFiles, String enterpriseId, RuleSet rules,
                                      List<RuleSet> campaigns, RiskConfig risk, Path work)
            throws IOException, RuleSetRejected {
        SignalCodec codec = SignalCodec.defaults();
        Path input = work.resolve("input.jsonl");
        List<Signal> signals = pickOut(signalFiles, enterpriseId, codec, input);
        if (signals.isEmpty()) {
            throw new IOException("no signal of enterprise " + enterpriseId + " in " + signalFiles
                    + " (give its unified social credit code, e.g. from an alert's enterpriseId)");
        }
        Path out = work.resolve("out");
        EmbeddedRun.runSmall(input, out, rules, campaigns, risk, codec, RiskConfig.Snapshots.EVERY_SIGNAL, enterpriseId);
        var zone = codec.zone();
        List<RiskSnapshot> snapshots = RunOutputs.committed(out, RunOutputs.RISK, () -> RecordCodec.riskSnapshots(zone));
        List<Alert> alerts = RunOutputs.committed(out, RunOutputs.ALERTS, () -> RecordCodec.alerts(zone));
        return new EnterpriseCourse(enterpriseId, signals.get(0).enterpriseName(), version(rules, campaigns),
                steps(signals, snapshots, alerts));
    }

    private static String version(RuleSet rules, List<RuleSet> campaigns) {
        StringBuilder version = new StringBuilder(rules.version());
        campaigns.forEach(c -> version.append(" + ").append(c.version()));
        return version.toString();
    }

    /** The enterprise's lines, copied as they are to {@code input}, and their signals. */
    private static List<Signal> pickOut(List<Path> files, String enterpriseId, SignalCodec codec, Path input)
            throws IOException {
        List<Signal> signals = new ArrayList<>();
        Files.createDirectories(input.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (Path file : files) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        // A cheap look first: most lines of a city's year are other enterprises'.
                        if (line.contains(enterpriseId)
                                && codec.decode(line, file.toString()) instanceof Decoded.Accepted accepted
                                && accepted.signal().enterpriseId().equals(enterpriseId)) {
                            signals.add(accepted.signal());
                            out.write(line);
                            out.write('\n');
                        }
                    }
                }
            }
        }
        return signals;
    }

    private static List<Step> steps(List<Signal> signals, List<RiskSnapshot> snapshots, List<Alert> alerts) {
        Map<Instant, List<Signal>> byTime = new TreeMap<>();
        Map<String, Signal> once = new LinkedHashMap<>();
        signals.forEach(s -> once.putIfAbsent(s.dedupeKey(), s));
        once.values().stream().sorted(Comparator.comparing(Signal::occurredAt).thenComparing(Signal::id))
                .forEach(s -> byTime.computeIfAbsent(s.occurredAt(), t -> new ArrayList<>()).add(s));
        // The last snapshot of an instant is the state after all of its signals.
        Map<Instant, RiskSnapshot> snapshotAt = new TreeMap<>();
        snapshots.forEach(s -> snapshotAt.put(s.asOf(), s));
        List<Step> steps = new ArrayList<>();
        Map<String, Double> features = null;
        for (Map.Entry<Instant, List<Signal>> moment : byTime.entrySet()) {
            RiskSnapshot snapshot = snapshotAt.get(moment.getKey());
            Map<String, Change> changed = snapshot == null ? Map.of() : changes(features, snapshot.features());
            if (snapshot != null) {
                features = snapshot.features();
            }
            List<String> ids = moment.getValue().stream().map(Signal::id).toList();
            List<Alert> raised = alerts.stream().filter(a -> ids.contains(a.triggerSignalId())).toList();
            steps.add(new Step(moment.getKey(), moment.getValue(), snapshot, changed, raised));
        }
        return steps;
    }

    private static Map<String, Change> changes(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Change> changed = new TreeMap<>();
        after.forEach((name, value) -> {
            Double was = before == null ? null : before.get(name);
            if (was == null || Double.compare(was, value) != 0) {
                changed.put(name, new Change(was, value));
            }
        });
        return changed;
    }
}
