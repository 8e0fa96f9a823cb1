package org.laborwatch.engine.stack;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.SignalCodec;

/**
 * The index job ({@link IndexRun}) as a Flink cluster runs it, beside {@link StackJob} (the job jar's second entry
 * point, {@code docker/}): lw.signals, lw.alerts and lw.risk into Elasticsearch from its consumer group's committed
 * offsets onwards, until cancelled. An application of its own rather than a second job of the engine's, so that
 * restoring the engine from a savepoint never hands the index job the engine's state, and the other way round.
 *
 * <pre>
 * --kafka HOST:PORT  (or LW_KAFKA_BOOTSTRAP)     --es URL (or LW_ES_URL)
 * --job-name NAME    the engine job's name (default laborwatch); the index job is NAME-index, also its consumer group
 * --checkpoint-interval SECONDS (default 10)
 * </pre>
 *
 * <p>Elasticsearch's credentials come from the JobManager's environment ({@code LW_ES_USERNAME} with
 * {@code LW_ES_PASSWORD} or {@code LW_ES_PASSWORD_FILE}, or {@code LW_ES_API_KEY[_FILE]}, and {@code LW_ES_CA_CERT};
 * {@link ElasticsearchEndpoint#fromEnvironment}), read where {@code main} runs and carried to the sinks' writers in
 * the job graph, so the TaskManagers need none of them.
 */
public final class IndexJob {

    private IndexJob() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = StackJob.parse(argv);
        String kafka = args.getOrDefault("kafka", StackJob.env("LW_KAFKA_BOOTSTRAP", "kafka:9092"));
        String es = args.getOrDefault("es", StackJob.env("LW_ES_URL", "http://elasticsearch:9200"));
        String name = IndexRun.jobName(args.getOrDefault("job-name", "laborwatch"));
        Duration interval = Duration.ofSeconds(Long.parseLong(args.getOrDefault("checkpoint-interval", "10")));

        StreamExecutionEnvironment env = StackJob.clusterEnvironment(interval);
        IndexRun.build(kafka, ElasticsearchEndpoint.fromEnvironment(es), name, IndexRun.Range.LIVE,
                SignalCodec.defaults(), env);
        env.execute(name);
    }
}
