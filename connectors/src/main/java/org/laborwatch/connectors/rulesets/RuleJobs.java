package org.laborwatch.connectors.rulesets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;

/**
 * The rule workbench's jobs (run scenarios, backtest, publish) that the service asks for and the engine side runs:
 * the service holds no Flink, so it queues a job here and a worker beside the live job ({@code RuleJobWorker}) runs
 * it with the same code as the command line and writes the result back. A job is one document in {@value #INDEX};
 * a worker claims a queued one with a write conditional on the version it read, so two workers never run the same
 * job. No Flink.
 */
public final class RuleJobs {
    public static final String INDEX = "lw-rule-jobs";
    /**
     * A job RUNNING this long is taken to be abandoned and is claimed again: a backtest of a city's year takes seconds
     * to minutes, so only a worker that stopped or lost Elasticsearch mid-job leaves one running this long.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

    public enum Kind { SCENARIOS, BACKTEST, PUBLISH }

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /**
     * What is asked.
     *
     * @param files     the rule set: file name to text (an {@code .xlsx} as base64)
     * @param scenarios scenario files (name to YAML) for SCENARIOS and PUBLISH
     * @param name      PUBLISH: the rule set's name in {@code lw.rules}
     * @param from      BACKTEST: the first day of archived signals to replay
     * @param until     BACKTEST: the last day, included
     * @param against   BACKTEST: a version from the history to compare with, or null
     * @param campaigns BACKTEST: versions of seasonal campaigns from the history, in force beside each rule set
     *                  backtested as in the job (each judges the signals dated within its days)
     */
    public record Request(Kind kind, String by, Map<String, String> files, Map<String, String> scenarios,
                          String name, String note, LocalDate from, LocalDate until, String against,
                          List<String> campaigns) {
        public Request {
            files = files == null ? Map.of() : Map.copyOf(files);
            scenarios = scenarios == null ? Map.of() : Map.copyOf(scenarios);
            campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        }

        /** Without campaigns. */
        public Request(Kind kind, String by, Map<String, String> files, Map<String, String> scenarios, String name,
                       String note, LocalDate from, LocalDate until, String against) {
            this(kind, by, files, scenarios, name, note, from, until, against, List.of());
        }
    }

    /** One scenario's verdict, its report as {@code rules test} prints it. */
    public record ScenarioVerdict(String title, boolean passed, String report) {
    }

    /**
     * What a job came to.
     *
     * @param passed       SCENARIOS: all passed; BACKTEST: it ran; PUBLISH: published and not rejected by the job
     * @param problems     validation problems ({@code file:line:column: message}), or the job's rejection
     * @param verdict      PUBLISH: ACTIVATED, REJECTED or NO_REPORT
     * @param reportHtml   BACKTEST: the self-contained page, served apart from the job
     */
    public record Result(boolean passed, String version, String summary, List<String> problems,
                         List<ScenarioVerdict> scenarios, String reportMarkdown, String reportHtml, Long offset,
                         String verdict) {
        public Result {
            problems = problems == null ? List.of() : List.copyOf(problems);
            scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        }
    }

    public record Job(String id, Request request, State state, Instant requestedAt, Instant startedAt,
                      Instant finishedAt, String worker, Result result, String error) {
    }

    /** A job claimed by a worker: its version in the index, for the conditional write of its end. */
    public record Claimed(Job job, long seqNo, long primaryTerm) {
    }

    private final ElasticsearchClient es;
    private final String index;
    private final Clock clock;

    /** {@code es} must read and write records with {@code RecordCodec.objectMapper} (times, records). */
    public RuleJobs(ElasticsearchClient es, String index, Clock clock) {
        this.es = es;
        this.index = index;
        this.clock = clock;
    }

    /** Queues a job; its id. */
    public String queue(Request request) throws IOException {
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, request, State.QUEUED, clock.instant(), null, null, null, null, null);
        es.create(c -> c.index(index).id(id).document(job).refresh(Refresh.WaitFor));
        return id;
    }

    public Optional<Job> get(String id) throws IOException {
        try {
            GetResponse<Job> got = es.get(g -> g.index(index).id(id), Job.class);
            return got.found() ? Optional.of(got.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The oldest queued job (or one abandoned, see {@link #ABANDONED_AFTER}), now RUNNING by {@code worker}; empty
     * when none is waiting or another worker won it.
     */
    public Optional<Claimed> claimNext(String worker) throws IOException {
        List<Hit<Job>> queued;
        try {
            String abandonedBefore = clock.instant().minus(ABANDONED_AFTER).toString();
            queued = es.search(s -> s.index(index).size(1).seqNoPrimaryTerm(true)
                    .query(q -> q.bool(b -> b
                            .should(x -> x.term(t -> t.field("state").value(State.QUEUED.name())))
                            // A worker stopped mid-job, or that could not write its end, leaves it RUNNING.
                            .should(x -> x.bool(r -> r
                                    .must(m -> m.term(t -> t.field("state").value(State.RUNNING.name())))
                                    .must(m -> m.range(g -> g.untyped(u -> u.field("startedAt")
                                            .lt(JsonData.of(abandonedBefore)))))))
                            .minimumShouldMatch("1")))
                    .sort(o -> o.field(f -> f.field("requestedAt").order(SortOrder.Asc))), Job.class).hits().hits();
        } catch (ElasticsearchException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return Optional.empty(); // no job was ever queued
            }
            throw e;
        }
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        Hit<Job> hit = queued.get(0);
        Job q = hit.source();
        Job running = new Job(q.id(), q.request(), State.RUNNING, q.requestedAt(), clock.instant(), null, worker,
                null, null);
        try {
            var written = es.index(i -> i.index(index).id(q.id()).document(running).ifSeqNo(hit.seqNo())
                    .ifPrimaryTerm(hit.primaryTerm()).refresh(Refresh.WaitFor));
            return Optional.of(new Claimed(running, written.seqNo(), written.primaryTerm()));
        } catch (ElasticsearchException | IOException e) {
            if (ElasticsearchStatus.isConflict(e)) {
                return Optional.empty(); // another worker claimed it first
            }
            throw e;
        }
    }

    /** Writes the end of a claimed job: its result, or why it failed. */
    public void finish(Claimed claimed, Result result, String error) throws IOException {
        Job j = claimed.job();
        Job done = new Job(j.id(), j.request(), error == null ? State.DONE : State.FAILED, j.requestedAt(),
                j.startedAt(), clock.instant(), j.worker(), result, error);
        es.index(i -> i.index(index).id(j.id()).document(done).ifSeqNo(claimed.seqNo())
                .ifPrimaryTerm(claimed.primaryTerm()).refresh(Refresh.WaitFor));
    }
}
