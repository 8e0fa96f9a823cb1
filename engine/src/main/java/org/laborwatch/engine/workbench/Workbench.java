package org.laborwatch.engine.workbench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.engine.risk.RiskConfig;

/**
 * The worker wired to a stack: its Elasticsearch client (the job queue, the archive, the version history) and
 * Kafka (publishing), closed together.
 */
public final class Workbench implements AutoCloseable {
    /** Where the jobs, the archive and the history are, and the topics a publication goes to. */
    public record Places(String jobs, String signals, String versions, String publications, String rulesTopic,
                         String eventsTopic) {
        public static Places defaults() {
            return new Places(RuleJobs.INDEX, Documents.SIGNALS, RuleSetHistory.VERSIONS,
                    RuleSetHistory.PUBLICATIONS, Topics.RULES, Topics.RULE_EVENTS);
        }
    }

    /**
     * @param publishWait how long a publication waits for the running job's word (the command line's default: 30 s)
     * @param parallelism subtasks of a backtest
     */
    public record Options(String kafka, ElasticsearchEndpoint elasticsearch, Places places, RiskConfig risk,
                          SignalCodec codec, Duration publishWait, int parallelism, Duration idle, Clock clock) {
        /** The stack's own places, as {@code live} and {@code rules worker} run it. */
        public static Options onStack(String kafka, ElasticsearchEndpoint elasticsearch, RiskConfig risk) {
            return new Options(kafka, elasticsearch, Places.defaults(), risk, SignalCodec.defaults(),
                    Duration.ofSeconds(30), 2, Duration.ofSeconds(1), Clock.systemUTC());
        }
    }

    private final ElasticsearchClient es;
    private final Places places;
    private final RuleJobs jobs;
    private final RuleJobWorker worker;

    private Workbench(Options o, Consumer<String> say) {
        // The jobs are records with times: only the codec's mapper reads and writes them as the service does.
        this.es = o.elasticsearch().client(new JacksonJsonpMapper(RecordCodec.objectMapper(o.codec().zone())));
        Places at = o.places();
        this.places = at;
        this.jobs = new RuleJobs(es, at.jobs(), o.clock());
        Supplier<RuleSetHistory> history = () -> new RuleSetHistory(es, at.versions(), at.publications());
        Publications publications = new Publications(o.kafka(), at.rulesTopic(), at.eventsTopic(), history,
                o.codec().zone(), o.clock());
        this.worker = new RuleJobWorker(jobs, workerName(), Map.of(
                RuleJobs.Kind.SCENARIOS, new ScenarioJob(),
                RuleJobs.Kind.BACKTEST, new BacktestJob(o.elasticsearch(), at.signals(), history, o.risk(),
                        o.codec(), o.parallelism()),
                RuleJobs.Kind.PUBLISH, new PublishJob(publications, o.publishWait())), o.idle(), say);
    }

    /** A worker that says nothing but warnings (in the log). */
    public static Workbench open(Options options) {
        return new Workbench(options, line -> { });
    }

    /** A worker that says when each job starts and how it ended, to {@code say}. */
    public static Workbench open(Options options, Consumer<String> say) {
        return new Workbench(options, say);
    }

    public Places places() {
        return places;
    }

    public RuleJobWorker worker() {
        return worker;
    }

    /** The queue the worker takes its jobs from. */
    public RuleJobs jobs() {
        return jobs;
    }

    /** {@code pid@host}: which worker ran a job, when several serve one service. */
    private static String workerName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    @Override
    public void close() throws IOException {
        worker.stop();
        es._transport().close();
    }
}
