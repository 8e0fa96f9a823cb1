package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", description = {
    "check a directory of DRL files and decision tables and publish it to the running jobs",
    "A rule set that does not compile is refused here and nothing is published. Published to lw.rules "
            + "(LW_KAFKA_BOOTSTRAP): running jobs swap to it without a restart and report on lw.rules.events."})
final class PublishRulesCommand implements Callable<Integer> {
    /** The key of the base rule set in lw.rules. */
    static final String BASE_NAME = "city";

    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "DIR", description = "a directory of .drl files and decision "
            + "tables (.csv, .xlsx)")
    Path dir;

    @Option(names = "--version", paramLabel = "V", description = "the version to publish it as (default: "
            + "<dir name>-<hash of the files>, so the same files are one version)")
    String version;

    @Option(names = "--name", paramLabel = "N", description = "the rule set's name, its key in lw.rules "
            + "(default: " + BASE_NAME + "; a campaign's is the name in its campaign.yaml)")
    String name;

    @Option(names = "--unchecked", description = "publish without compiling it here first, to let the job judge it")
    boolean unchecked;

    /**
     * The rule set's key in lw.rules: the name given, else a campaign's own name, else the base's. A campaign is kept
     * by its own name in the compacted topic: published under the base's name, it would push the base set out of the
     * topic, and a job starting later would find no base set.
     */
    static String keyFor(Optional<Campaign> campaign, String name) {
        return name != null ? name : campaign.map(Campaign::name).orElse(BASE_NAME);
    }

    PublishRulesCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        RuleSet rules = RuleSets.fromDirectory(dir, version);
        if (!unchecked) {
            RuleSetCache.compile(rules); // a rule set that cannot compile is refused here, nothing published
        }
        Optional<Campaign> campaign = Campaign.of(rules);
        String key = keyFor(campaign, name);
        String kafka = StackAddress.fromEnvironment().kafka();
        RuleSetPublisher.Published published;
        try (RuleSetPublisher publisher = new RuleSetPublisher(kafka, Topics.RULES, SignalCodec.defaults().zone())) {
            published = publisher.publish(rules, key);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; " + StackAddress.HOW_TO_START, e);
        }
        out.printf("published rule set %s (%d files) as '%s' to %s at %s (offset %d)%n", published.version(),
                rules.sources().size(), published.name(), published.topic(), kafka, published.offset());
        if (campaign.isPresent()) {
            out.printf("a seasonal campaign: %s; signals dated from %s to %s (both included, %s) are judged by it, "
                            + "all others by the base rule set%n", campaign.get().name(), campaign.get().from(),
                    campaign.get().until(), SignalCodec.defaults().zone());
            out.printf("running jobs keep it beside the base rule set and report on %s%n", Topics.RULE_EVENTS);
        } else {
            out.printf("running jobs swap to it and report on %s%n", Topics.RULE_EVENTS);
        }
        return 0;
    }
}
