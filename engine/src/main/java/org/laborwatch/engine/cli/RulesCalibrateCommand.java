package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.calibrate.Calibration;
import org.laborwatch.engine.calibrate.Eruptions;
import org.laborwatch.engine.config.Durations;
import org.laborwatch.engine.embedded.EmbeddedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", description = {
    "fit each rule's points to history and its outcomes, so that ORANGE means a stated probability of a dispute",
    "Runs the engine once over the signals, fits a regularised logistic model of the rules' decayed hits (checked on "
            + "months it was not fitted on) and writes a proposed rule set to DIR/rules (the rules unchanged, their "
            + "points in points.csv) and a report to DIR/report.md and DIR/report.html (docs/rule-authoring.md, "
            + "\"Calibrating points\")."})
final class RulesCalibrateCommand implements Callable<Integer> {
    static final String DEFAULT_RULES = "rules/library";

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--signals", required = true, paramLabel = "FILE|DIR",
            description = "the history: a JSON Lines file, or a directory of *.jsonl files")
    Path signals;

    @Option(names = "--truth", paramLabel = "FILE", description = "its outcomes: a ground-truth file (truth.csv, as "
            + "'generate' writes)")
    Path truth;

    @Option(names = "--eruptions", paramLabel = "DEFINITION", description = "its outcomes, defined from the signals: "
            + "signal types with optional conditions on workers, amount or months, separated by ';', or 'default' ("
            + Eruptions.DEFAULT + ")")
    String eruptions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the proposal and report go")
    Path outDir;

    @Option(names = "--rules", paramLabel = "DIR", description = "the rule set to calibrate (default: "
            + DEFAULT_RULES + ")")
    Path rules;

    @Option(names = "--probability", paramLabel = "P", description = "what ORANGE is to mean: P(dispute within the "
            + "horizon) (default: ${DEFAULT-VALUE})")
    double probability = 0.5;

    @Option(names = "--horizon", paramLabel = "DURATION", description = "within how long (default: ${DEFAULT-VALUE})")
    String horizon = "90d";

    @Option(names = "--parallelism", paramLabel = "N", description = "parallel subtasks of the engine run (default: "
            + "${DEFAULT-VALUE})")
    int parallelism = 2;

    @Mixin
    ConfigOption config;

    RulesCalibrateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (truth == null && eruptions == null) {
            throw Usage.error(spec, "say what counts as a dispute: --truth FILE, --eruptions DEFINITION, or both");
        }
        if (!(probability > 0 && probability < 1)) {
            throw Usage.error(spec, "--probability must be between 0 and 1, got " + probability);
        }
        if (truth != null && !Files.isRegularFile(truth)) {
            throw new IOException("no ground-truth file " + truth);
        }
        Duration within = horizon();
        Eruptions definition;
        try {
            definition = eruptions == null ? null : Eruptions.parse(eruptions);
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, "--eruptions: " + e.getMessage());
        }
        Calibration.checkOut(rulesDir(), outDir); // before the run, not after it
        Calibration.Request request = new Calibration.Request(rulesDir(), EmbeddedRun.signalFiles(signals), truth,
                definition, probability, within, config.load().risk(), SignalCodec.defaults(),
                Usage.atLeast(spec, "--parallelism", parallelism, 1));
        Calibration.Result result = Calibration.run(request);
        Calibration.write(result, outDir);
        out.printf("calibrated %d rules of %s on %,d enterprise-weeks (%,d followed by a dispute) in %.1f s%n",
                result.rules().size(), result.ruleSetVersion(), result.samples(), result.positives(),
                result.elapsed().toMillis() / 1000.0);
        for (Calibration.RuleResult r : result.rules()) {
            out.printf("  %-9s %3d -> %3d  %s%n", r.id(), r.before(), r.after(), r.verdict());
        }
        out.printf("held-out early recall %.1f%% -> %.1f%%, precision %.1f%% -> %.1f%%%n",
                result.before().earlyRecall() * 100, result.after().earlyRecall() * 100,
                result.before().precision() * 100, result.after().precision() * 100);
        out.println("  proposal  " + outDir.resolve("rules"));
        out.println("  report    " + outDir.resolve("report.md") + ", " + outDir.resolve("report.html"));
        return Main.SUCCESS;
    }

    private Duration horizon() {
        try {
            Duration d = Durations.parse(horizon);
            if (d == null || d.isZero()) {
                throw new IllegalArgumentException(d == null ? "not a duration" : "it must be longer than zero");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, "--horizon " + horizon + ": " + e.getMessage() + " (e.g. 90d)");
        }
    }

    /** Relative to where the command was typed, else to the checkout (so the default works from anywhere). */
    private Path rulesDir() {
        Path dir = rules != null ? rules : Path.of(DEFAULT_RULES);
        if (!Files.isDirectory(dir) && !dir.isAbsolute() && Files.isDirectory(Checkout.home().resolve(dir))) {
            return Checkout.home().resolve(dir);
        }
        return dir;
    }
}
