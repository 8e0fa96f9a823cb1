package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.SignalReplay;
import org.laborwatch.connectors.kafka.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", description = {
    "re-feed archived signals of a range into Kafka",
    "Reads the signal archive (Elasticsearch lw-signals, LW_ES_URL) in event-time order and produces it into "
            + "lw.signals (LW_KAFKA_BOOTSTRAP), keyed by enterprise. A running job judges the signals again; copies "
            + "it still remembers are dropped as duplicates."})
final class ReplayCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DATE|TIME", description = "the first day (2025-06-01, "
            + "the city's day) or an ISO-8601 time with offset")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE|TIME", description = "the end, exclusive: a day or an "
            + "ISO-8601 time with offset")
    String to;

    ReplayCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        SignalCodec codec = SignalCodec.defaults();
        Instant start = instant(from, "--from", codec.zone());
        Instant end = instant(to, "--to", codec.zone());
        if (!start.isBefore(end)) {
            throw Usage.error(spec, "--from must be before --to");
        }
        StackAddress stack = StackAddress.fromEnvironment();
        out.printf("replaying archived signals from %s to %s: %s/%s -> %s at %s%n", start, end, stack.elasticsearch(),
                Documents.SIGNALS, Topics.SIGNALS, stack.kafka());
        long count;
        try {
            count = new SignalReplay(ElasticsearchEndpoint.fromEnvironment(stack.elasticsearch()), stack.kafka(),
                    Topics.SIGNALS, codec).replay(start, end, sent -> System.err.printf("\r  %,d signals", sent));
        } catch (ElasticsearchException e) {
            throw new IOException("Elasticsearch at " + stack.elasticsearch() + " refused the archive query: "
                    + e.getMessage(), e);
        } catch (ConnectException e) {
            throw new IOException("cannot reach Elasticsearch at " + stack.elasticsearch() + "; "
                    + StackAddress.HOW_TO_START, e);
        }
        System.err.println();
        out.printf("replayed %,d signals into %s; a running job judges them again (copies it still remembers are "
                + "dropped as duplicates)%n", count, Topics.SIGNALS);
        return 0;
    }

    /** A day of the city ({@code 2025-06-01}, from its midnight) or an ISO-8601 time with offset. */
    private Instant instant(String value, String option, ZoneId zone) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Usage.error(spec, option + " must be a date like 2025-06-01 or an ISO-8601 time with offset, got '"
                    + value + "'");
        }
    }
}
