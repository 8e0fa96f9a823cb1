package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.ingest.DecodeSignals;
import org.laborwatch.engine.report.RunReport;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.SessionMode;

/** {@code run} and {@code demo} without the stack: the engine embedded, then its summary and where its outputs are. */
final class EmbeddedReport {
    private EmbeddedReport() {
    }

    static int run(PrintStream out, List<Path> files, Path outDir, RuleSet rules, Path truth, SignalCodec codec,
                   int parallelism, EngineConfig config) throws Exception {
        return run(out, files, outDir, rules, List.of(), truth, codec, parallelism, config);
    }

    /** The summary's rule-set line: the base version, then each campaign's (专项). */
    private static String withCampaigns(RuleSet rules, List<RuleSet> campaigns) {
        StringBuilder text = new StringBuilder(rules.version());
        campaigns.forEach(c -> text.append(" + 专项 campaign ").append(c.version()));
        return text.toString();
    }

    static int run(PrintStream out, List<Path> files, Path outDir, RuleSet rules, List<RuleSet> campaigns, Path truth,
                   SignalCodec codec, int parallelism, EngineConfig config) throws Exception {
        // The rules compile while the cluster starts; one that does not compile stops the run with its problems.
        ZoneId zone = codec.zone();
        out.printf("running the engine embedded (Flink MiniCluster, parallelism %d) on %d file(s), rule set %s%n",
                parallelism, files.size(), rules.version());
        for (RuleSet campaign : campaigns) {
            out.printf("  campaign %s: %s, signals dated within it judged by it%n", campaign.version(),
                    Campaign.of(campaign).orElseThrow().schedule());
        }
        EmbeddedRun.Outcome outcome = EmbeddedRun.run(new EmbeddedRun.Options(files, outDir, rules,
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), config.risk(), codec, parallelism, campaigns));
        GroundTruth groundTruth = truth == null ? null : GroundTruth.read(truth);
        String report = RunReport.render(new RunReport.Inputs(
                outcome.counter(DecodeSignals.ACC_READ),
                outcome.counter(EnterpriseRiskFunction.ACC_JUDGED),
                outcome.counter(EnterpriseRiskFunction.ACC_DUPLICATES),
                outcome.counter(EnterpriseRiskFunction.ACC_LATE_JUDGED),
                outcome.counter(EnterpriseRiskFunction.ACC_AHEAD),
                outcome.counter(EnterpriseRiskFunction.ACC_RULE_ERRORS),
                outcome.counter(EnterpriseRiskFunction.ACC_RULE_INCIDENTS),
                outcome.outputs().alerts(), outcome.outputs().deadLetters(), groundTruth, zone, outcome.elapsed(),
                withCampaigns(rules, campaigns), true));
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
}
