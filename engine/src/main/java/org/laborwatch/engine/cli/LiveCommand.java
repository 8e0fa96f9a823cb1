package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.config.Durations;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.stack.IndexRun;
import org.laborwatch.engine.stack.LiveRun;
import org.laborwatch.engine.stack.StackRun;
import org.laborwatch.engine.workbench.Workbench;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "live", description = {
    "run the engine and index jobs live on the stack until stopped (Ctrl-C): signals are judged as they arrive",
    "Both jobs run in this process, each on a local Flink cluster with its web UI. The engine reads lw.signals and "
            + "writes lw.alerts, lw.risk and lw.signals.dlq, at least once (a stop or a crash leaves no Kafka "
            + "transaction open); the index job copies them into Elasticsearch. --from-run carries on from a run on "
            + "the stack: the engine judges that run's signals again, in streaming mode, so that every enterprise's "
            + "history is known when its next signal arrives, and the index job starts where that run's stopped. "
            + "Without it both start from their consumer groups' committed offsets. The engine starts with --rules "
            + "and swaps in the rule sets published while it runs. ./laborwatch demo runs this in the background "
            + "after its run on the stack, until the demo stops."})
final class LiveCommand implements Callable<Integer> {
    static final String JOB_NAME = "laborwatch-live";

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--from-run", paramLabel = "DIR", description = "the outputs of a run --stack or demo --stack "
            + "(its " + RunOffsets.FILE + "): judge that run's signals again, then what comes")
    Path fromRun;

    @Option(names = "--rules", paramLabel = "DIR", description = "a directory of DRL files and decision "
            + "tables to start with (default: "
            + "the bundled library, rules/library, as a run on the stack has it)")
    Path rules;

    @Option(names = "--out", paramLabel = "DIR", description = "its checkpoints and the savepoints taken when it "
            + "stops, both cleared when it starts (default: out/live)")
    Path outDir;

    @Option(names = "--job-name", paramLabel = "NAME", description = "the engine job's name and consumer group; the "
            + "index job's is NAME-index (default: ${DEFAULT-VALUE})")
    String jobName = JOB_NAME;

    @Option(names = "--parallelism", paramLabel = "N", description = "parallel subtasks of each job (default: "
            + "${DEFAULT-VALUE})")
    int parallelism = 2;

    @Mixin
    ConfigOption config;

    LiveCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        int subtasks = Usage.atLeast(spec, "--parallelism", parallelism, 1);
        RuleSet ruleSet = rules == null ? RuleSets.bundled() : RuleSets.fromDirectory(rules, null);
        RuleSetCache.compile(ruleSet); // rules that do not compile stop it here, with file and line
        EngineConfig settings = config.load();
        RunOffsets from = fromRun == null ? null : RunOffsets.read(fromRun);
        StackAddress stack = StackAddress.fromEnvironment();
        Path where = outDir != null ? outDir : Checkout.out("live");
        Path checkpoints = cleared(where.resolve("checkpoints"));
        Path savepoints = cleared(where.resolve("savepoints"));

        StackRun.Options options;
        try {
            options = LiveRun.options(stack.kafka(), jobName, from == null ? null : from.signalsFrom(), ruleSet,
                    settings, subtasks, checkpoints.toAbsolutePath(), WebUi.FIRST_PORT);
        } catch (RuntimeException e) {
            throw new IOException("cannot reach Kafka at " + stack.kafka() + " (" + e.getMessage() + "); "
                    + StackAddress.HOW_TO_START, e);
        }
        IndexRun.Range index = from == null ? IndexRun.Range.LIVE : new IndexRun.Range(from.indexEnd(), null);
        LiveRun live = LiveRun.start(options, ElasticsearchEndpoint.fromEnvironment(stack.elasticsearch()), index,
                WebUi.FIRST_PORT);
        // The service's rule workbench queues what needs the engine (scenarios, backtests, publications); beside the
        // live job is where the engine is, so its worker runs here, on a daemon thread that ends with the command.
        Workbench workbench = Workbench.open(Workbench.Options.onStack(stack.kafka(),
                ElasticsearchEndpoint.fromEnvironment(stack.elasticsearch()), settings.risk()),
                line -> out.println("laborwatch live: " + line));
        workbench.worker().start();

        // Ctrl-C or SIGTERM (the demo's end): stop both with a savepoint, so their sinks flush what they hold.
        AtomicBoolean stopping = new AtomicBoolean();
        Thread stop = new Thread(() -> {
            stopping.set(true);
            workbench.worker().stop();
            out.println("laborwatch live: stopping the engine and index jobs ...");
            live.stop(savepoints);
            out.println("laborwatch live: stopped");
        }, "live-stop");
        Runtime.getRuntime().addShutdownHook(stop);

        describe(stack, from, ruleSet, settings, live, workbench);
        CompletableFuture<Object> ended = live.ended();
        if (from != null) {
            awaitReadAgain(stack.kafka(), from.signalsTo(), ended);
        }
        Throwable failure = null;
        try {
            ended.get();
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        if (stopping.get()) {
            return 0; // the shutdown hook is stopping them; the JVM ends when it is done
        }
        // A live job ends by itself only when it has failed for good: stop the other, and say so.
        Runtime.getRuntime().removeShutdownHook(stop);
        workbench.close();
        live.stop(savepoints);
        throw new IOException("a live job ended: " + (failure == null ? "without a failure" : failure.toString())
                + "; see the log above");
    }

    private void describe(StackAddress stack, RunOffsets from, RuleSet ruleSet, EngineConfig settings, LiveRun live,
                          Workbench workbench) throws InterruptedException {
        out.printf("laborwatch live: the engine and index jobs run on the stack until stopped (Ctrl-C, or SIGTERM to "
                + "process %d)%n", ProcessHandle.current().pid());
        if (from == null) {
            out.printf("  reads       %s at %s from the committed offsets of consumer group %s%n", Topics.SIGNALS,
                    stack.kafka(), jobName);
        } else {
            out.printf("  reads       %s at %s from where the run in %s began: its %,d signals are judged again, "
                    + "then whatever comes%n", Topics.SIGNALS, stack.kafka(), fromRun, records(from));
        }
        out.printf("  writes      %s, %s, %s (at least once); the index job copies them and the signals into "
                + "Elasticsearch at %s%n", Topics.ALERTS, Topics.RISK, Topics.DEAD_LETTERS, stack.elasticsearch());
        out.printf("  rule set    %s, until one is published on %s%n", ruleSet.version(), Topics.RULES);
        Duration quiet = settings.stream().idleAdvance();
        out.println("  event time  " + (quiet == null
                ? "moves with the signals only (stream.idle-advance = off)"
                : "follows the wall clock, less " + Durations.describe(settings.stream().outOfOrderness())
                        + ", once a partition has been quiet for " + Durations.describe(quiet)
                        + " (stream.idle-advance): a signal dated now is judged about that long after it arrives"));
        out.printf("  workbench   runs the jobs the service's rule workbench queues in %s at %s, one at a time%n",
                workbench.places().jobs(), stack.elasticsearch());
        printWebUi("engine job", live.engine());
        printWebUi("index job", live.index());
    }

    private void printWebUi(String what, JobClient job) throws InterruptedException {
        String id = job.getJobID().toString();
        OptionalInt port = WebUi.portOf(id);
        out.printf("  %-10s  Flink web UI %s%n", what, port.isPresent() ? WebUi.jobPage(port.getAsInt(), id)
                : "(did not answer on ports " + WebUi.FIRST_PORT + "-" + (WebUi.FIRST_PORT + WebUi.PORTS - 1) + ")");
    }

    /** Says when the engine has read the run's signals again (its offsets are committed with each checkpoint). */
    private void awaitReadAgain(String kafka, Map<TopicPartition, Long> runEnd, CompletableFuture<Object> ended)
            throws InterruptedException {
        while (!ended.isDone()) {
            Map<TopicPartition, Long> committed;
            try {
                committed = TopicOffsets.committed(kafka, jobName, Topics.SIGNALS);
            } catch (RuntimeException e) {
                committed = Map.of(); // the broker is away for a moment: ask again
            }
            Map<TopicPartition, Long> read = committed;
            if (runEnd.entrySet().stream().allMatch(e -> read.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                out.println("laborwatch live: the engine has read the run's signals again; it judges what comes as "
                        + "it arrives");
                return;
            }
            try {
                ended.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException notYet) {
                // still running: look again
            } catch (ExecutionException failed) {
                return; // call() reports it
            }
        }
    }

    private static long records(RunOffsets run) {
        return run.signalsTo().entrySet().stream()
                .mapToLong(e -> e.getValue() - run.signalsFrom().getOrDefault(e.getKey(), e.getValue())).sum();
    }

    /** A directory of this command's own, emptied: checkpoints of an earlier live run must not be mixed in. */
    private static Path cleared(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
