package org.laborwatch.engine.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * Every command of {@code ./laborwatch}, in the order help lists them: the one list that {@code help}, each
 * command's {@code --help} and README.md's command table (checked by CommandListTest) come from.
 *
 * <p>Engine commands are the picocli classes of this package, run in this JVM; the launcher passes whatever it does
 * not run itself to {@link Main}, so adding one is a class and a line here. Launcher commands run in the launcher
 * script ({@code ./laborwatch}, a case each); adding one is a {@link #launcher} line here and its case there.
 */
@Command(name = "laborwatch", synopsisSubcommandLabel = "COMMAND",
        description = "Early warning of labor disputes: Flink and Drools over the signals of a city's enterprises.",
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "'laborwatch help COMMAND' or 'laborwatch COMMAND --help' gives a command's options.",
            "Environment: LW_JAVA_OPTS adds JVM options (default heap 3 GB); LW_MAVEN_OPTS adds Maven options; "
                    + "LW_KAFKA_BOOTSTRAP (default " + StackAddress.DEFAULT_KAFKA + ") and LW_ES_URL (default "
                    + StackAddress.DEFAULT_ES + ") place the stack; LW_ES_USERNAME with LW_ES_PASSWORD[_FILE], or "
                    + "LW_ES_API_KEY[_FILE], and LW_ES_CA_CERT authenticate to Elasticsearch; LW_CONFIG names the "
                    + "engine's settings file; LW_API_PORT, LW_JWT_SECRET[_FILE], LW_ADMIN_PASSWORD[_FILE] and "
                    + "LW_DEMO_PASSWORD set up the service (docs/api.md)."})
final class Commands implements Callable<Integer> {
    private static final List<Function<PrintStream, Object>> LIST = List.of(
            DemoCommand::new,
            launcher("test", "run every test, unit and integration, against a Kafka and Elasticsearch it starts and "
                    + "stops (Maven arguments go to mvn verify)", "[MAVEN ARGS]"),
            GenerateCommand::new,
            RunCommand::new,
            LiveCommand::new,
            RulesCommand::commandLine,
            ReplayCommand::new,
            UpgradeSavepointCommand::new,
            launcher("bench", "throughput benchmark: Drools rules against the same rules hand-written in Java; "
                    + "--stack: the job on Kafka/Elasticsearch against a plain consumer, and its alert latency; "
                    + "--api: the service's lookup and search under wrk beside Elasticsearch's own latency",
                    "[--enterprises N] [--rounds R] [--warmup W] [--out DIR] [--sections rules,job,order]",
                    "--stack [--enterprises N] [--rounds R]", "--api [--rate N] [--duration S]"),
            launcher("stack", "the local Kafka broker and Elasticsearch node",
                    "up [--reset] [--secure] [--partitions N]", "down", "status", "logs"),
            launcher("api", "run the ui-api service alone (port LW_API_PORT, default 8080)"),
            out -> new HelpCommand());

    private static final String HELP_DESCRIPTION = "show this help and exit";

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    private Commands(PrintStream out) {
        this.out = out;
    }

    /** The command line over {@link #LIST}, printing to {@code out} and, for errors, {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine top = new CommandLine(new Commands(out));
        for (Function<PrintStream, Object> command : LIST) {
            top.addSubcommand(command.apply(out));
        }
        // Every command gets --help and the same layout here, so none can be without them.
        everyCommand(top).map(CommandLine::getCommandSpec).forEach(Commands::withHelp);
        return top.setOut(writer(out)).setErr(writer(err)).setUsageHelpWidth(110)
                // As before picocli: an option given twice takes the last value (the launcher may add --stack).
                .setOverwrittenOptionsAllowed(true);
    }

    /** Without a command: the list, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return Main.USAGE_ERROR;
    }

    /** A command and all its subcommands, at any depth ({@code rules validate}). */
    static Stream<CommandLine> everyCommand(CommandLine command) {
        return Stream.concat(Stream.of(command),
                command.getSubcommands().values().stream().flatMap(Commands::everyCommand));
    }

    private static Function<PrintStream, Object> launcher(String name, String description, String... synopses) {
        return out -> LauncherCommand.spec(name, description, synopses);
    }

    private static void withHelp(CommandSpec spec) {
        if (!spec.optionsMap().containsKey("--help")) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description(HELP_DESCRIPTION).build());
        }
        spec.usageMessage().descriptionHeading("%n").parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n");
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
