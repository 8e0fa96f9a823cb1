package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", description = {
    "run the engine on signals; with --stack: through Kafka and Elasticsearch (./laborwatch stack up first)",
    "Embedded: Flink in a MiniCluster in this process, JSON Lines files in and out (alerts.jsonl, risk.jsonl, "
            + "dead-letters.jsonl, summary.txt in --out). The lines may come in any order, split into any files, with "
            + "duplicates: they are judged in event-time order all the same.",
    "With --stack: the signals go into Kafka (lw.signals) and the engine runs on the stack until it has judged "
            + "exactly them: alerts in lw.alerts and Elasticsearch, the summary read back from Kafka."})
final class RunCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--signals", required = true, paramLabel = "FILE|DIR", description = "a JSON Lines file, or a "
            + "directory of .jsonl files")
    Path signals;

    @Option(names = "--out", paramLabel = "DIR", description = "where the outputs go (required without --stack; with "
            + "--stack the default is out/stack-run)")
    Path outDir;

    @Option(names = "--rules", paramLabel = "DIR", description = "a directory of DRL files and decision tables "
            + "(default: the bundled "
            + "library, rules/library)")
    Path rules;

    @Option(names = "--campaign", paramLabel = "DIR", description = "a seasonal campaign (a rule set with a "
            + "campaign.yaml) beside --rules: it judges the signals dated within its days; repeatable")
    List<Path> campaigns = new ArrayList<>();

    @Option(names = "--truth", paramLabel = "FILE", description = "ground truth to score the alerts against "
            + "(default: truth.csv beside the signals, if there is one)")
    Path truth;

    @Option(names = "--parallelism", paramLabel = "N", description = "parallel subtasks (default: ${DEFAULT-VALUE})")
    int parallelism = 2;

    @Option(names = "--allowlist", paramLabel = "FILE", description = "credit codes to accept although their check "
            + "character fails (real codes of early pilot regions), one a line, # for comments")
    Path allowlist;

    @Mixin
    ConfigOption config;

    @Option(names = "--stack", description = "through Kafka and Elasticsearch (LW_KAFKA_BOOTSTRAP, LW_ES_URL)")
    boolean stack;

    RunCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (outDir == null && !stack) {
            throw Usage.error(spec, "--out is required (or --stack)");
        }
        int subtasks = Usage.atLeast(spec, "--parallelism", parallelism, 1);
        Path groundTruth = truth != null ? truth : truthBeside(signals);
        RuleSet ruleSet = rules == null ? RuleSets.bundled() : RuleSets.fromDirectory(rules, null);
        if (Campaign.of(ruleSet).isPresent()) {
            throw Usage.error(spec, rules + " is a campaign (it has a " + Campaign.FILE + "); give the base rules with "
                    + "--rules and the campaign with --campaign " + rules);
        }
        List<RuleSet> campaignSets = campaigns(spec, campaigns);
        if (stack && !campaignSets.isEmpty()) {
            throw Usage.error(spec, "--campaign runs embedded; on the stack publish the campaign to the running "
                    + "jobs: ./laborwatch rules publish DIR");
        }
        SignalCodec codec = SignalCodec.defaults().withAllowlist(allowlist(allowlist));
        EngineConfig settings = config.load();
        List<Path> files = EmbeddedRun.signalFiles(signals);
        if (stack) {
            RuleSetCache.compile(ruleSet); // before anything goes into Kafka: rules that do not compile stop it here
            Path where = outDir != null ? outDir : Checkout.out("stack-run");
            return new StackRunner(out, StackAddress.fromEnvironment()).run(files, where, ruleSet, groundTruth, codec,
                    subtasks, settings);
        }
        return EmbeddedReport.run(out, files, outDir, ruleSet, campaignSets, groundTruth, codec, subtasks, settings);
    }

    /** Each directory's rule set, which must be a campaign: a base set given here would never judge anything. */
    static List<RuleSet> campaigns(CommandSpec spec, List<Path> dirs) throws IOException, RuleSetRejected {
        List<RuleSet> found = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path dir : dirs) {
            RuleSet campaign = RuleSets.fromDirectory(dir, null);
            Campaign schedule = Campaign.of(campaign).orElseThrow(() -> Usage.error(spec, dir + " has no "
                    + Campaign.FILE + ", so it is not a campaign (docs/rule-authoring.md, \"Seasonal campaigns\")"));
            if (!names.add(schedule.name())) {
                throw Usage.error(spec, "two campaigns are named " + schedule.name());
            }
            found.add(campaign);
        }
        return found;
    }

    /** truth.csv beside the signals (the generator writes it there), or null. */
    static Path truthBeside(Path signals) {
        Path beside = (Files.isDirectory(signals) ? signals : signals.toAbsolutePath().getParent())
                .resolve(GroundTruth.FILE_NAME);
        return Files.isRegularFile(beside) ? beside : null;
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
