package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSet;

/** The end of {@code rules publish} and {@code rules rollback}: send, record, and say what the jobs made of it. */
final class RuleSetRelease {
    private RuleSetRelease() {
    }

    static int send(PrintStream out, RuleSet rules, String name, RuleSetHistory.Action action, String note,
                    Duration wait) throws IOException {
        StackAddress stack = StackAddress.fromEnvironment();
        Publications publications = new Publications(stack.kafka(),
                ElasticsearchEndpoint.fromEnvironment(stack.elasticsearch()), SignalCodec.defaults().zone(),
                Clock.systemUTC());
        Publications.Outcome outcome;
        try {
            outcome = publications.publish(rules, name, author(), action, note, wait);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; " + StackAddress.HOW_TO_START, e);
        }
        var p = outcome.publication();
        out.printf("%s rule set %s (%d files) as '%s' by %s to lw.rules at %s (offset %d)%n",
                action == RuleSetHistory.Action.ROLLBACK ? "rolled back to" : "published", p.version(),
                rules.sources().size(), p.name(), p.by(), stack.kafka(), p.offset());
        if (outcome.notRecorded() != null) {
            out.printf("warning: not in the version history (%s): 'rules versions' will not list it and it cannot be "
                    + "rolled back to by version%n", outcome.notRecorded());
        }
        if (outcome.verdict() == null) {
            out.printf("no running job answered within %d s: none is running ('./laborwatch live'); a job that starts "
                    + "later takes it from lw.rules%n", wait.toSeconds());
            return Main.SUCCESS;
        }
        var event = outcome.verdict().event();
        if (event.accepted()) {
            out.printf("the running job activated %s%n", event.version());
            return Main.SUCCESS;
        }
        out.printf("the running job REJECTED %s and keeps its current rule set:%n", event.version());
        event.problems().forEach(problem -> out.println("  " + problem));
        return Main.FAILURE;
    }

    /** A reading of the version history. */
    interface HistoryRead<T> {
        T from(RuleSetHistory history) throws IOException;
    }

    /** Reads the version history in Elasticsearch (LW_ES_URL); a store out of reach is said with how to start it. */
    static <T> T read(StackAddress stack, HistoryRead<T> read) throws IOException {
        try (RuleSetHistory history = new RuleSetHistory(ElasticsearchEndpoint.fromEnvironment(
                stack.elasticsearch()))) {
            return read.from(history);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the version history at " + stack.elasticsearch() + " ("
                    + e.getMessage() + "); " + StackAddress.HOW_TO_START, e);
        }
    }

    /** Who publishes: the account running the command, as the version history records it. */
    static String author() {
        return Optional.ofNullable(System.getenv("LW_AUTHOR")).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("USER")).filter(s -> !s.isBlank()))
                .orElse(System.getProperty("user.name", "unknown"));
    }
}
