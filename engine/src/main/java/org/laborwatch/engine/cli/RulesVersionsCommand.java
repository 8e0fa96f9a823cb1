package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.connectors.rulesets.RuleSetVerdicts;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "versions", description = {
    "the rule-set versions published, newest first, with author, date and what the running job made of each",
    "From the version history in Elasticsearch (LW_ES_URL) and the jobs' reports on lw.rules.events "
            + "(LW_KAFKA_BOOTSTRAP): activated, rejected (with the first problem), or no report (none kept)."})
final class RulesVersionsCommand implements Callable<Integer> {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PrintStream out;

    @Option(names = "--limit", paramLabel = "N", description = "how many publications (default: ${DEFAULT-VALUE})")
    int limit = 20;

    RulesVersionsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        StackAddress stack = StackAddress.fromEnvironment();
        List<RuleSetHistory.Publication> publications = RuleSetRelease.read(stack,
                history -> history.publications(Math.max(1, limit)));
        Map<String, Campaign> campaigns = RuleSetRelease.read(stack, history -> campaigns(history, publications));
        if (publications.isEmpty()) {
            out.println("no rule set has been published yet ('./laborwatch rules publish DIR')");
            return Main.SUCCESS;
        }
        Map<String, List<RuleSetVerdicts.Verdict>> verdicts = verdicts(stack, publications);
        var zone = SignalCodec.defaults().zone();
        out.printf("%-16s  %-10s  %-8s  %-12s  %-32s  %s%n", "published (" + zone + ")", "name", "action", "by", "version",
                "the job");
        for (RuleSetHistory.Publication p : publications) {
            out.printf("%-16s  %-10s  %-8s  %-12s  %-32s  %s%n", MINUTE.format(p.at().atZone(zone)), p.name(),
                    p.action().name().toLowerCase(), p.by(), p.version(), verdict(verdicts.get(p.version())));
            if (p.note() != null) {
                out.printf("%18s%s%n", "", p.note());
            }
            Campaign campaign = campaigns.get(p.version());
            if (campaign != null) {
                out.printf("%18s专项 campaign %s: signals dated %s .. %s judged by it%n", "", campaign.name(),
                        campaign.from(), campaign.until());
            }
        }
        return Main.SUCCESS;
    }

    /**
     * The schedule of each listed version that is a campaign, read from the version's files (the publication records
     * who sent what when; what a version is stays with its files).
     */
    private static Map<String, Campaign> campaigns(RuleSetHistory history,
                                                   List<RuleSetHistory.Publication> publications) throws IOException {
        Map<String, Campaign> campaigns = new HashMap<>();
        for (String version : publications.stream().map(RuleSetHistory.Publication::version).distinct().toList()) {
            Optional<RuleSet> files = history.version(version);
            if (files.isEmpty()) {
                continue;
            }
            try {
                Campaign.of(files.get()).ifPresent(c -> campaigns.put(version, c));
            } catch (RuleSetRejected e) {
                // A schedule the job refused too ('REJECTED' in the list): nothing to show as days.
            }
        }
        return campaigns;
    }

    private static Map<String, List<RuleSetVerdicts.Verdict>> verdicts(StackAddress stack,
                                                                        List<RuleSetHistory.Publication> publications) {
        Set<String> versions = publications.stream().map(RuleSetHistory.Publication::version)
                .collect(Collectors.toSet());
        try (RuleSetVerdicts reports = new RuleSetVerdicts(stack.kafka(), Topics.RULE_EVENTS,
                SignalCodec.defaults().zone())) {
            return reports.about(versions);
        } catch (RuntimeException e) {
            return Map.of(); // Kafka away: the history still stands
        }
    }

    /** The version's standing as a line of text; quarantine reports are counted. */
    private static String verdict(List<RuleSetVerdicts.Verdict> reports) {
        RuleSetVerdicts.Standing standing = RuleSetVerdicts.Standing.of(reports);
        return switch (standing.verdict()) {
            case Publications.NO_REPORT -> "no report";
            case Publications.REJECTED -> "REJECTED: "
                    + (standing.problems().isEmpty() ? "" : standing.problems().get(0));
            default -> "activated" + (standing.incidents() == 0 ? ""
                    : " (" + standing.incidents() + " rule incidents reported)");
        };
    }
}
