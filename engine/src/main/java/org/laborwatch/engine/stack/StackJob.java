package org.laborwatch.engine.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.KafkaConnections;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * The live job as a Flink cluster runs it (the job jar's entry point, {@code docker/}): reads lw.signals from the
 * consumer group's committed offsets onwards, follows lw.rules, writes alerts, risk and dead letters to Kafka, runs
 * until cancelled. The index job runs beside it as an application of its own ({@link IndexJob}: Elasticsearch from
 * those topics), so each restores from its own savepoints. Checkpoint
 * storage, restart strategy and reporters come from the cluster's configuration; the interval and mode are the job's
 * own, because the delivery guarantee depends on them.
 *
 * <pre>
 * --kafka HOST:PORT  (or LW_KAFKA_BOOTSTRAP)
 * --job-name NAME    consumer group and transactional-id prefix (default laborwatch)
 * --checkpoint-interval SECONDS (default 10)      --rules DIR  the rule set until one is published (default bundled)
 * --config FILE      the engine's configuration, config/laborwatch.properties (default: the copy in the job jar):
 *                    each source's allowed lateness, risk settings, and how event time follows the stream
 * --delivery exactly-once|at-least-once (default exactly-once; see docs/operations.md)
 * </pre>
 */
public final class StackJob {

    private StackJob() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        String kafka = args.getOrDefault("kafka", env("LW_KAFKA_BOOTSTRAP", "kafka:9092"));
        String name = args.getOrDefault("job-name", "laborwatch");
        Duration interval = Duration.ofSeconds(Long.parseLong(args.getOrDefault("checkpoint-interval", "10")));
        EngineConfig config = EngineConfig.load(args.containsKey("config") ? Path.of(args.get("config")) : null);
        RuleSet rules = args.containsKey("rules") ? RuleSets.fromDirectory(Path.of(args.get("rules")), null)
                : RuleSets.bundled();

        StreamExecutionEnvironment env = clusterEnvironment(interval);
        StackRun.Options options = new StackRun.Options(kafka, name, null, null, rules,
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), config.risk(), config.stream(),
                SignalCodec.defaults(), env.getParallelism(), interval, null, null, 0)
                .withDelivery(KafkaConnections.delivery(args.getOrDefault("delivery", "exactly-once")));
        if (options.delivery() == DeliveryGuarantee.AT_LEAST_ONCE) {
            env.configure(StackRun.lowLatency());
        }
        StackRun.job(options).execute(env, name);
    }

    /** The cluster's environment with what the job's guarantees need of it, whatever the cluster is configured with. */
    static StreamExecutionEnvironment clusterEnvironment(Duration checkpointInterval) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointTimeout(StackRun.CHECKPOINT_TIMEOUT.toMillis());
        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        pipeline.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(pipeline);
        return env;
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("usage: --name value ...; got '" + argv[i] + "'");
            }
            args.put(argv[i].substring(2), argv[++i]);
        }
        return args;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
