package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.ingest.DecodeSignals;
import org.laborwatch.engine.report.RunReport;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.upgrade.SavepointUpgrade;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/** The engine's command line; {@code ./laborwatch} builds the project and calls this. */
public final class Main {
    static final String USAGE = """
            usage: laborwatch <command> [options]
              demo      [--enterprises N] [--days D] [--seed S] [--out DIR] [--stack] [--config FILE]
                        generate a city's year of signals, run the engine on it (on the stack with --stack),
                        print the summary
              generate  --out DIR [--enterprises 6050] [--days 365] [--seed 42] [--start 2025-03-01] [--shards 1]
                        write sample signals (JSON Lines) and their ground truth (truth.csv)
              run       --signals FILE|DIR --out DIR [--rules DIR] [--truth FILE] [--parallelism 2]
                        [--allowlist FILE] [--config FILE]   run the engine embedded (Flink MiniCluster, files in
                        and out); the lines may come in any order, split into any files, with duplicates
              run --stack --signals FILE|DIR [--out DIR] [...]
                        produce the signals into Kafka (lw.signals) and run the engine on the stack until they are
                        judged: alerts in lw.alerts and Elasticsearch (start it with: ./laborwatch stack up)
              validate-rules DIR
                        compile and check a directory of DRL files, reporting problems with line numbers
              replay    --from DATE|TIME --to DATE|TIME
                        re-feed the archived signals of a range (lw-signals) into lw.signals, oldest first
              publish-rules DIR [--version V] [--name city] [--unchecked]
                        check a directory of DRL files, then publish it to lw.rules: running jobs swap to it
              upgrade-savepoint FROM TO
                        convert a savepoint of the release of 2026-11-30 into one this release restores
                        (docs/operations.md, "Upgrading")
              test      run every test (the launcher script handles this one)""";

    private final PrintStream out;

    Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new Main(out).run(argv));
    }

    int run(String[] argv) {
        if (argv.length == 0) {
            out.println(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (argv[0]) {
                case "generate" -> generate(Args.parse(rest, Set.of("out", "enterprises", "days", "seed", "start",
                        "shards")));
                case "run" -> runEngine(Args.parse(rest, Set.of("signals", "out", "rules", "truth", "parallelism",
                        "allowlist", "config"), Set.of("stack")));
                case "demo" -> demo(Args.parse(rest, Set.of("out", "enterprises", "days", "seed", "config"),
                        Set.of("stack")));
                case "validate-rules" -> validateRules(rest);
                case "publish-rules" -> publishRules(rest);
                case "replay" -> replay(Args.parse(rest, Set.of("from", "to")));
                case "upgrade-savepoint" -> upgradeSavepoint(rest);
                case "help", "-h", "--help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new Args.UsageError("unknown command '" + argv[0] + "'");
            };
        } catch (Args.UsageError e) {
            out.println("laborwatch: " + e.getMessage());
            out.println(USAGE);
            return 2;
        } catch (RuleSetRejected e) {
            out.println("laborwatch: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("laborwatch: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            out.println("laborwatch: failed: " + e);
            e.printStackTrace(out);
            return 1;
        }
    }

    private int generate(Args args) throws IOException {
        SampleGenerator.Result result = generate(args.requiredPath("out"), args);
        out.printf("generated %,d signals (%,d records with late and duplicate deliveries) for %,d enterprises%n",
                result.signals(), result.deliveries(), result.enterprises().size());
        result.files().forEach(f -> out.println("  signals:      " + f));
        out.println("  ground truth: " + result.truth());
        return 0;
    }

    private SampleGenerator.Result generate(Path dir, Args args) throws IOException {
        SampleGenerator.Options defaults = SampleGenerator.Options.defaults();
        SampleGenerator.Options options = new SampleGenerator.Options(
                args.integer("enterprises", defaults.enterprises(), 1),
                args.integer("days", defaults.days(), 30),
                args.longValue("seed", defaults.seed()),
                LocalDate.parse(args.string("start", defaults.start().toString())),
                args.integer("shards", defaults.shards(), 1),
                defaults.zone());
        return new SampleGenerator(options).writeTo(dir);
    }

    private int runEngine(Args args) throws Exception {
        Path signals = args.requiredPath("signals");
        Path truth = args.path("truth");
        if (truth == null) {
            Path beside = (Files.isDirectory(signals) ? signals : signals.toAbsolutePath().getParent())
                    .resolve(GroundTruth.FILE_NAME);
            truth = Files.isRegularFile(beside) ? beside : null;
        }
        RuleSet rules = args.path("rules") == null ? RuleSets.bundled()
                : RuleSets.fromDirectory(args.path("rules"), null);
        Set<String> allowlist = allowlist(args.path("allowlist"));
        EngineConfig config = config(args);
        if (args.flag("stack")) {
            RuleSetCache.compile(rules);
            Path outDir = args.path("out") != null ? args.path("out") : home().resolve("out").resolve("stack-run");
            return new StackCommand(out).run(EmbeddedRun.signalFiles(signals), outDir, rules, truth,
                    SignalCodec.defaults().withAllowlist(allowlist), args.integer("parallelism", 2, 1), config);
        }
        return runAndReport(EmbeddedRun.signalFiles(signals), args.requiredPath("out"), rules, truth, allowlist,
                args.integer("parallelism", 2, 1), config);
    }

    /**
     * {@code --config FILE}, else {@code LW_CONFIG}, else the checkout's {@code config/laborwatch.properties}: the
     * file docker/ and the job on a cluster read too. Settings it leaves out keep the bundled values.
     */
    private static EngineConfig config(Args args) throws IOException {
        Path file = args.path("config");
        String fromEnvironment = System.getenv("LW_CONFIG");
        if (file == null && fromEnvironment != null && !fromEnvironment.isBlank()) {
            file = Path.of(fromEnvironment);
        }
        if (file == null && Files.isRegularFile(home().resolve(EngineConfig.IN_CHECKOUT))) {
            file = home().resolve(EngineConfig.IN_CHECKOUT);
        }
        try {
            return EngineConfig.load(file);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private int runAndReport(List<Path> files, Path outDir, RuleSet rules, Path truth, Set<String> allowlist,
                             int parallelism, EngineConfig config) throws Exception {
        // The rules compile while the cluster starts; one that does not compile stops the run with its problems.
        SignalCodec codec = SignalCodec.defaults().withAllowlist(allowlist);
        ZoneId zone = codec.zone();
        out.printf("running the engine embedded (Flink MiniCluster, parallelism %d) on %d file(s), rule set %s%n",
                parallelism, files.size(), rules.version());
        EmbeddedRun.Outcome outcome = EmbeddedRun.run(new EmbeddedRun.Options(files, outDir, rules,
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), config.risk(), codec, parallelism));
        GroundTruth groundTruth = truth == null ? null : GroundTruth.read(truth);
        String report = RunReport.render(new RunReport.Inputs(
                outcome.counter(DecodeSignals.ACC_READ),
                outcome.counter(EnterpriseRiskFunction.ACC_JUDGED),
                outcome.counter(EnterpriseRiskFunction.ACC_DUPLICATES),
                outcome.counter(EnterpriseRiskFunction.ACC_LATE_JUDGED),
                outcome.counter(EnterpriseRiskFunction.ACC_AHEAD),
                outcome.counter(EnterpriseRiskFunction.ACC_RULE_ERRORS),
                outcome.outputs().alerts(), outcome.outputs().deadLetters(), groundTruth, zone, outcome.elapsed(),
                rules.version(), true));
        Files.writeString(outDir.resolve("summary.txt"), report, StandardCharsets.UTF_8);
        out.println();
        out.print(report);
        out.println();
        out.println("outputs:");
        out.println("  alerts        " + outcome.outputs().alertsFile());
        out.println("  risk          " + outcome.outputs().riskFile());
        out.println("  dead letters  " + outcome.outputs().deadLettersFile());
        out.println("  summary       " + outDir.resolve("summary.txt"));
        if (!outcome.outputs().alerts().isEmpty()) {
            out.println();
            out.println("look at one alert with its explanation:");
            out.println("  head -1 " + outcome.outputs().alertsFile() + " | python3 -m json.tool --no-ensure-ascii");
        }
        return 0;
    }

    private int demo(Args args) throws Exception {
        Path dir = args.path("out") != null ? args.path("out") : home().resolve("out").resolve("demo");
        Path input = dir.resolve("input");
        out.println("laborwatch demo: generating a year of signals for a city of enterprises ...");
        SampleGenerator.Result generated = generate(input, args);
        out.printf("  %,d signals for %,d enterprises -> %s%n", generated.deliveries(),
                generated.enterprises().size(), input);
        EngineConfig config = config(args);
        if (args.flag("stack")) {
            return new StackCommand(out).run(generated.files(), dir.resolve("stack-output"), RuleSets.bundled(),
                    generated.truth(), SignalCodec.defaults(), 2, config);
        }
        return runAndReport(generated.files(), dir.resolve("output"), RuleSets.bundled(), generated.truth(),
                Set.of(), 2, config);
    }

    /** {@code replay --from T --to T}: dates (the city's days, {@code to} exclusive) or ISO-8601 instants. */
    private int replay(Args args) throws Exception {
        SignalCodec codec = SignalCodec.defaults();
        Instant from = instant(args.string("from", null), "from", codec.zone());
        Instant to = instant(args.string("to", null), "to", codec.zone());
        if (!from.isBefore(to)) {
            throw new Args.UsageError("--from must be before --to");
        }
        return new StackCommand(out).replay(from, to, codec);
    }

    private static Instant instant(String value, String name, ZoneId zone) {
        if (value == null) {
            throw new Args.UsageError("--" + name + " is required (a date like 2025-06-01, or an ISO-8601 time)");
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Args.UsageError("--" + name + " must be a date like 2025-06-01 or an ISO-8601 time with "
                    + "offset, got '" + value + "'");
        }
    }

    /** {@code upgrade-savepoint FROM TO}: paths or URIs of savepoint directories. */
    private int upgradeSavepoint(List<String> rest) throws Exception {
        if (rest.size() != 2 || rest.get(0).startsWith("--") || rest.get(1).startsWith("--")) {
            throw new Args.UsageError("upgrade-savepoint takes the savepoint to convert and where to write the result");
        }
        out.printf("converting savepoint %s into %s ...%n", rest.get(0), rest.get(1));
        SavepointUpgrade.upgrade(rest.get(0), rest.get(1));
        out.printf("written: %s%nrestore the job from it, e.g. flink run -s %s ...%n", rest.get(1), rest.get(1));
        return 0;
    }

    /** {@code publish-rules DIR [--version V] [--name N] [--unchecked]}: checked here first unless --unchecked. */
    private int publishRules(List<String> rest) throws Exception {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new Args.UsageError("publish-rules takes a directory of DRL files");
        }
        Args args = Args.parse(rest.subList(1, rest.size()), Set.of("version", "name"), Set.of("unchecked"));
        RuleSet rules = RuleSets.fromDirectory(Path.of(rest.get(0)), args.string("version", null));
        if (!args.flag("unchecked")) {
            RuleSetCache.compile(rules); // a rule set that cannot compile is refused here, nothing published
        }
        return new StackCommand(out).publishRules(rules, args.string("name", "city"));
    }

    private int validateRules(List<String> rest) throws IOException, RuleSetRejected {
        if (rest.size() != 1) {
            throw new Args.UsageError("validate-rules takes one directory");
        }
        RuleSet rules = RuleSets.fromDirectory(Path.of(rest.get(0)), null);
        var compiled = RuleSetCache.compile(rules);
        out.printf("rule set %s: %d rules in %d files, all valid%n", compiled.version(), compiled.rules().size(),
                rules.sources().size());
        compiled.rules().stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(m -> out.printf(
                "  %-9s %3d points  %-40s %s%s%n", m.id(), m.points(), String.join(",",
                        m.agencies().stream().map(Enum::name).toList()), m.ruleName(), m.critical() ? "  [critical]"
                        : ""));
        return 0;
    }

    /** The checkout the launcher runs from, so the demo writes beside the project wherever it is started. */
    private static Path home() {
        return Path.of(System.getProperty("laborwatch.home", "."));
    }

    private static Set<String> allowlist(Path file) throws IOException {
        if (file == null) {
            return Set.of();
        }
        Set<String> codes = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String code = line.strip();
            if (!code.isEmpty() && !code.startsWith("#")) {
                codes.add(code);
            }
        }
        return codes;
    }
}
