package org.laborwatch.engine.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.embedded.RunOutputs;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * Fits each rule's points to history and its outcomes: one engine run for the hits (they do not depend on points,
 * see {@link #scoreDependentRules}), weekly samples, time-ordered folds to choose the regularisation and to measure
 * the result on months it was not fitted on, then one fit on all the history for the proposal.
 */
public final class Calibration {
    /** A rule reading these reads something the points decide: its hits under the proposal may differ. */
    private static final Pattern SCORE_FEATURES = Pattern.compile("\\b(redEpisodes|currentLevel)\\b");
    /** The probabilities the report shows the held-out quality at, beside the one asked for. */
    static final double[] OTHER_PROBABILITIES = {0.3, 0.5, 0.7, 0.9};
    private static final Pattern RULE_ID = Pattern.compile("@id\\(\\s*\"([^\"]+)\"\\s*\\)");

    /**
     * @param truth       the generator's answer key, or null
     * @param eruptions   a definition of a dispute over the signals, or null; at least one of the two
     * @param probability what ORANGE is to mean: P(dispute within the horizon)
     */
    public record Request(Path rulesDir, List<Path> signalFiles, Path truth, Eruptions eruptions, double probability,
                          Duration horizon, RiskConfig risk, SignalCodec codec, int parallelism) {
    }

    /** One rule's line in the report and the points table. */
    public record RuleResult(String id, String name, int before, int after, double weight, double z, int hits,
                             int activeSamples, PointsMapping.Verdict verdict, boolean scoreDependent) {
    }

    /**
     * @param proposalWeights the fit on all the history, which the proposal's points come from
     */
    public record Result(Request request, String ruleSetVersion, Outcomes outcomes, long enterprises,
                         long snapshots, int samples, long positives, PointsMapping mapping,
                         LogisticFit.Weights proposalWeights, double scale, TimeOrderedValidation.Result validation,
                         List<RuleResult> rules, Quality before, Quality after,
                         Map<Double, Quality> afterAtOtherProbabilities, int disagreements,
                         Duration engineRun, Duration elapsed) {
        public int[] proposedPoints() {
            return rules.stream().mapToInt(RuleResult::after).toArray();
        }
    }

    private Calibration() {
    }

    public static Result run(Request request) throws IOException, RuleSetRejected {
        long started = System.nanoTime();
        if (request.truth() == null && request.eruptions() == null) {
            throw new IllegalArgumentException("a calibration needs outcomes: --truth FILE, --eruptions DEFINITION "
                    + "or both");
        }
        if (!(request.probability() > 0 && request.probability() < 1)) {
            throw new IllegalArgumentException("the probability ORANGE is to mean must be between 0 and 1, got "
                    + request.probability());
        }
        RuleSet ruleSet = RuleSets.fromDirectory(request.rulesDir(), null);
        List<RuleMeta> metas = new ArrayList<>(RuleSetCache.compile(ruleSet).rules());
        metas.sort(Comparator.comparing(RuleMeta::id));
        List<String> ids = metas.stream().map(RuleMeta::id).toList();
        int[] current = metas.stream().mapToInt(RuleMeta::points).toArray();

        GroundTruth truth = request.truth() == null ? null : GroundTruth.read(request.truth());
        Outcomes outcomes = Outcomes.read(request.signalFiles(), request.codec(), truth, request.eruptions());

        long engineStarted = System.nanoTime();
        List<RiskSnapshot> snapshots = hitsOverTime(request, ruleSet);
        Duration engineRun = Duration.ofNanos(System.nanoTime() - engineStarted);
        HitHistory history = HitHistory.of(snapshots, ids);

        long halfLife = request.risk().halfLife().toMillis();
        ZoneId zone = request.codec().zone();
        List<Samples.Sample> samples = Samples.weekly(history, outcomes, request.horizon(), halfLife);
        PointsMapping mapping = PointsMapping.orange(request.probability());
        TimeOrderedValidation.Result validation =
                TimeOrderedValidation.run(samples, outcomes, request.horizon(), zone, mapping, current);

        LogisticFit.Weights weights = LogisticFit.fit(samples, ids.size(), validation.cost());
        int[] active = activeCounts(samples, ids.size());
        PointsMapping.Proposal proposal = mapping.propose(weights, current, active);

        // Today's points over exactly the months the folds scored: a month no fold could fit is left out of both.
        Quality before = HeldOutQuality.of(history, outcomes, validation.heldOutFrom(), zone, halfLife,
                t -> validation.foldAt(t) == null ? null : current);
        Quality after = HeldOutQuality.of(history, outcomes, validation.heldOutFrom(), zone, halfLife, t -> {
            TimeOrderedValidation.Fold fold = validation.foldAt(t);
            return fold == null ? null : fold.proposal().points();
        });
        Map<Double, Quality> afterAt = new TreeMap<>();
        for (double p : OTHER_PROBABILITIES) {
            afterAt.put(p, heldOutAt(PointsMapping.orange(p), validation, history, outcomes, zone, halfLife,
                    current));
        }

        List<RuleResult> rules = ruleResults(metas, proposal, weights, history.hitCounts(), active,
                scoreDependentRules(ruleSet));
        long positives = samples.stream().filter(Samples.Sample::positive).count();
        return new Result(request, ruleSet.version(), outcomes, outcomes.firstSeen().size(), snapshots.size(),
                samples.size(), positives, mapping, weights, proposal.scale(), validation, rules,
                before, after, afterAt, history.disagreements(current, halfLife), engineRun,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The proposal under {@code out/rules/}, a directory {@code --rules} accepts, and the report beside it. */
    public static void write(Result result, Path out) throws IOException {
        checkOut(result.request().rulesDir(), out);
        Files.createDirectories(out);
        Path rules = out.resolve("rules");
        RunOutputs.deleteRecursively(rules);
        PointsTable.writeRuleSet(result.request().rulesDir(), rules, result.rules());
        CalibrationReport.write(out, result);
    }

    /**
     * The held-out quality had ORANGE been set to mean another probability: the same folds' weights, mapped again. No
     * fit is repeated (the probability only scales the points), so the author sees the trade-off before choosing.
     *
     * @return null when the probability cannot be mapped (the base rate already reaches it in some fold)
     */
    private static Quality heldOutAt(PointsMapping mapping, TimeOrderedValidation.Result validation,
                                     HitHistory history, Outcomes outcomes, ZoneId zone, long halfLife,
                                     int[] current) {
        Map<TimeOrderedValidation.Fold, int[]> points = new java.util.HashMap<>();
        try {
            for (TimeOrderedValidation.Fold f : validation.folds()) {
                points.put(f, remapped(mapping, f, current));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return HeldOutQuality.of(history, outcomes, validation.heldOutFrom(), zone, halfLife, t -> {
            TimeOrderedValidation.Fold fold = validation.foldAt(t);
            return fold == null ? null : points.get(fold);
        });
    }

    /** The fold's verdicts kept (they do not depend on the probability), its fitted rules' points scaled anew. */
    private static int[] remapped(PointsMapping mapping, TimeOrderedValidation.Fold fold, int[] current) {
        int[] active = new int[current.length];
        for (int r = 0; r < current.length; r++) {
            active[r] = fold.proposal().verdicts()[r] == PointsMapping.Verdict.NO_HITS ? 0 : 1;
        }
        return mapping.propose(fold.weights(), current, active).points();
    }

    private static List<RuleResult> ruleResults(List<RuleMeta> metas, PointsMapping.Proposal proposal,
                                                LogisticFit.Weights weights, int[] hits, int[] active,
                                                List<String> scoreDependent) {
        List<RuleResult> rules = new ArrayList<>();
        for (int r = 0; r < metas.size(); r++) {
            RuleMeta m = metas.get(r);
            rules.add(new RuleResult(m.id(), m.ruleName(), m.points(), proposal.points()[r], weights.w()[r],
                    weights.z(r), hits[r], active[r], proposal.verdicts()[r], scoreDependent.contains(m.id())));
        }
        return List.copyOf(rules);
    }

    /**
     * {@code out/rules} is emptied before the proposal is written: it must not be, or hold, the rule set being
     * calibrated ({@code --rules x/rules --out x} would otherwise delete it).
     */
    public static void checkOut(Path rulesDir, Path out) throws IOException {
        Path proposal = out.resolve("rules").toAbsolutePath().normalize();
        if (rulesDir.toAbsolutePath().normalize().startsWith(proposal)) {
            throw new IOException("--out " + out + " would write the proposal over the rule set being calibrated ("
                    + rulesDir + "): choose another directory");
        }
    }

    /** One run of the real engine over the history, every risk snapshot kept. */
    private static List<RiskSnapshot> hitsOverTime(Request request, RuleSet ruleSet)
            throws IOException, RuleSetRejected {
        Path work = Files.createTempDirectory("laborwatch-calibrate");
        try {
            EmbeddedRun.runJob(new EmbeddedRun.Options(request.signalFiles(), work, ruleSet,
                    EvaluatorFactory.drools(SessionMode.LONG_LIVED), request.risk(), request.codec(),
                    request.parallelism()), RiskConfig.Snapshots.ON_CHANGE);
            ZoneId zone = request.codec().zone();
            return RunOutputs.committed(work, RunOutputs.RISK, () -> RecordCodec.riskSnapshots(zone));
        } catch (IOException | RuleSetRejected e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the engine run over the history failed: " + e, e);
        } finally {
            RunOutputs.deleteRecursively(work);
        }
    }

    /** Per rule, in how many samples it was active: a rule never active has nothing to learn from. */
    static int[] activeCounts(List<Samples.Sample> samples, int rules) {
        int[] counts = new int[rules];
        for (Samples.Sample s : samples) {
            for (int r : s.rules()) {
                counts[r]++;
            }
        }
        return counts;
    }

    /**
     * The rules whose conditions read a feature the score decides ({@code redEpisodes}: how often the enterprise was
     * RED; {@code currentLevel}). Their hits came from today's points; under the proposal they may fire elsewhere,
     * which only a backtest of the proposal shows.
     */
    static List<String> scoreDependentRules(RuleSet ruleSet) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> source : ruleSet.sources().entrySet()) {
            if (!source.getKey().endsWith(".drl")) {
                continue;
            }
            for (String block : source.getValue().split("(?m)^\\s*rule\\s+\"")) {
                Matcher id = RULE_ID.matcher(block);
                if (id.find() && SCORE_FEATURES.matcher(block).find()) {
                    found.add(id.group(1));
                }
            }
        }
        return found;
    }
}
