package org.laborwatch.engine.workbench;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rule workbench's jobs that the service queues in {@link RuleJobs}: claims the oldest queued job, runs it
 * with the same code as the command line, writes back what it came to, and looks again after a second when none is
 * queued. One job at a time: a backtest is a Flink job of its own, and two at once on the machine that runs the live
 * job would slow both. A job that fails is written FAILED with the reason; the worker goes on.
 */
public final class RuleJobWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleJobWorker.class);

    private final RuleJobs jobs;
    private final String name;
    private final Map<RuleJobs.Kind, RuleJob> kinds;
    private final Duration idle;
    private final Consumer<String> say;
    private volatile boolean stopped;
    private String lastProblem;

    /** @param say where a line per job started and ended goes (the command's output: the log shows warnings only) */
    RuleJobWorker(RuleJobs jobs, String name, Map<RuleJobs.Kind, RuleJob> kinds, Duration idle,
                  Consumer<String> say) {
        this.jobs = jobs;
        this.name = name;
        this.kinds = new EnumMap<>(kinds);
        this.idle = idle;
        this.say = say;
    }

    /** Runs jobs until {@link #stop()}. */
    @Override
    public void run() {
        while (!stopped) {
            boolean ran;
            try {
                ran = runNext();
                lastProblem = null;
            } catch (IOException | RuntimeException e) {
                // Elasticsearch away for a while: the job stays queued (or RUNNING if its end could not be
                // written); look again later rather than give up on the jobs still to come.
                warnOnce(e.toString());
                ran = false;
            }
            if (!ran && !stopped) {
                pause();
            }
        }
    }

    /** Claims and runs the oldest queued job; false when there was none to claim. */
    public boolean runNext() throws IOException {
        Optional<RuleJobs.Claimed> claimed = jobs.claimNext(name);
        if (claimed.isEmpty()) {
            return false;
        }
        execute(claimed.get());
        return true;
    }

    /** Stops after the job it runs, if any: a backtest cut short would leave its job RUNNING. */
    public void stop() {
        stopped = true;
    }

    /** Starts it on a daemon thread of its own: it ends with the process that runs it. */
    public Thread start() {
        Thread thread = new Thread(this, "rule-job-worker");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** What a job came to: a result, or why it could not run. */
    private record Ended(RuleJobs.Result result, String error) {
    }

    private void execute(RuleJobs.Claimed claimed) throws IOException {
        RuleJobs.Job job = claimed.job();
        say.accept(String.format("rule job %s (%s, by %s) started", job.id(), job.request().kind(),
                job.request().by()));
        Ended ended = written(claimed, run(job));
        say.accept(String.format("rule job %s %s%s", job.id(), ended.error() == null ? "done"
                : "FAILED: " + ended.error(), ended.result() == null || ended.result().summary() == null ? ""
                : ": " + ended.result().summary().replace('\n', ';')));
    }

    private Ended run(RuleJobs.Job job) {
        try {
            RuleJob kind = kinds.get(job.request().kind());
            if (kind == null) {
                throw new IllegalArgumentException("this worker does not run " + job.request().kind() + " jobs");
            }
            return new Ended(kind.run(job.request()), null);
        } catch (Exception | LinkageError | AssertionError e) {
            // Whatever one job does wrong (a hostile scenario, a rule set that breaks the embedded job) is that
            // job's failure, written for its author, never the worker's end.
            LOG.debug("rule job {} failed", job.id(), e); // its author reads the reason in the job
            return new Ended(null, reason(e));
        }
    }

    /** Writes the job's end; what was written. */
    private Ended written(RuleJobs.Claimed claimed, Ended ended) throws IOException {
        try {
            jobs.finish(claimed, ended.result(), ended.error());
            return ended;
        } catch (IOException | RuntimeException e) {
            if (ended.error() != null) {
                throw e;
            }
            // The result itself may be what Elasticsearch refused (a report too large): the job then ends FAILED
            // with why, rather than stay RUNNING for ever.
            Ended failed = new Ended(null, "its result could not be written: " + reason(e));
            jobs.finish(claimed, null, failed.error());
            return failed;
        }
    }

    /** Says what is wrong once, not every second while Elasticsearch is away. */
    private void warnOnce(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warn("rule job worker {}: {}", name, problem);
            lastProblem = problem;
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message;
    }

    private void pause() {
        try {
            Thread.sleep(idle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
