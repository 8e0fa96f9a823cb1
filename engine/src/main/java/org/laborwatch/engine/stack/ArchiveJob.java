package org.laborwatch.engine.stack;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.laborwatch.connectors.json.SignalCodec;

/**
 * The signal archive ({@link ArchiveRun}) as a Flink cluster runs it, beside {@link StackJob} (the job jar's second
 * entry point, {@code docker/}): lw.signals into lw-signals from its consumer group's committed offsets onwards, until
 * cancelled. An application of its own rather than a second job of the engine's, so that restoring the engine from a
 * savepoint never hands the archive the engine's state, and the other way round.
 *
 * <pre>
 * --kafka HOST:PORT  (or LW_KAFKA_BOOTSTRAP)     --es URL (or LW_ES_URL)
 * --job-name NAME    the engine job's name (default laborwatch); the archive is NAME-archive, also its consumer group
 * --checkpoint-interval SECONDS (default 10)
 * </pre>
 */
public final class ArchiveJob {

    private ArchiveJob() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = StackJob.parse(argv);
        String kafka = args.getOrDefault("kafka", StackJob.env("LW_KAFKA_BOOTSTRAP", "kafka:9092"));
        String es = args.getOrDefault("es", StackJob.env("LW_ES_URL", "http://elasticsearch:9200"));
        String name = ArchiveRun.jobName(args.getOrDefault("job-name", "laborwatch"));
        Duration interval = Duration.ofSeconds(Long.parseLong(args.getOrDefault("checkpoint-interval", "10")));

        StreamExecutionEnvironment env = StackJob.clusterEnvironment(interval);
        ArchiveRun.build(kafka, es, name, null, null, SignalCodec.defaults(), env);
        env.execute(name);
    }
}
