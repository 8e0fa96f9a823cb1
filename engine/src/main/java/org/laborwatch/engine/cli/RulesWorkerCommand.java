package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.engine.workbench.Workbench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "worker", description = {
    "run the rule workbench's jobs that the service queues, until stopped (Ctrl-C)",
    "The service holds no Flink: it queues scenario runs, backtests over the signal archive and publications in "
            + "Elasticsearch (lw-rule-jobs, LW_ES_URL), and this runs them one at a time with the same code as "
            + "'rules test', 'rules backtest' and 'rules publish' (LW_KAFKA_BOOTSTRAP), writing each result back. "
            + "'./laborwatch live' runs it already; this is for a service deployed apart from the live job."})
final class RulesWorkerCommand implements Callable<Integer> {
    /** How long a stop waits for the job under way: most end within it, a long backtest is left RUNNING. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final PrintStream out;

    @Mixin
    ConfigOption config;

    RulesWorkerCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        StackAddress stack = StackAddress.fromEnvironment();
        Workbench.Options options = Workbench.Options.onStack(stack.kafka(),
                ElasticsearchEndpoint.fromEnvironment(stack.elasticsearch()), config.load().risk());
        try (Workbench workbench = Workbench.open(options, line -> out.println("laborwatch rules worker: " + line))) {
            out.printf("laborwatch rules worker: runs the workbench's jobs from %s at %s, publishing to %s at %s, "
                    + "until stopped (Ctrl-C, or SIGTERM to process %d)%n", workbench.places().jobs(),
                    stack.elasticsearch(), workbench.places().rulesTopic(), stack.kafka(),
                    ProcessHandle.current().pid());
            Thread worker = workbench.worker().start();
            Thread stop = new Thread(() -> {
                workbench.worker().stop();
                try {
                    worker.join(STOP_WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.println("laborwatch rules worker: stopped");
            }, "rules-worker-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            worker.join();
        }
        return Main.SUCCESS;
    }
}
