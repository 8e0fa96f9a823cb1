package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.laborwatch.engine.scenario.ScenarioFormatException;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The engine's command line ({@link Commands}); {@code ./laborwatch} builds the project and calls this. Exit codes:
 * {@value #SUCCESS} done, {@value #FAILURE} failed (a rule set that does not compile, a missing input, a stack that
 * does not answer, ...), {@value #USAGE_ERROR} a wrong command line.
 */
public final class Main {
    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int USAGE_ERROR = 2;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Output and errors into one stream, as a terminal shows them. */
    Main(PrintStream both) {
        this(both, both);
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new Main(out, err).run(argv));
    }

    int run(String... argv) {
        CommandLine commands = Commands.commandLine(out, err)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::failure);
        int code = commands.execute(argv);
        commands.getOut().flush();
        commands.getErr().flush();
        return code;
    }

    /** What was wrong, the command's synopsis, and where its options are explained. */
    private static int usageError(ParameterException reported, String[] argv) {
        ParameterException e = misspeltFirst(reported);
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("laborwatch: " + message(e));
        suggestion(e).ifPresent(err::println);
        err.print(command.getHelp().fullSynopsis());
        err.printf("See '%s --help'.%n", command.getCommandSpec().qualifiedName());
        return USAGE_ERROR;
    }

    /**
     * picocli checks required options before it objects to unknown ones, but {@code run --hlep} lacks --signals
     * because of the typo: name the typo first.
     */
    private static ParameterException misspeltFirst(ParameterException e) {
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        if (e instanceof UnmatchedArgumentException || unmatched.isEmpty()) {
            return e;
        }
        return new UnmatchedArgumentException(e.getCommandLine(), unmatched);
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !e.getCommandLine().getSubcommands().isEmpty()) {
            List<String> args = unmatched.getUnmatched();
            if (!args.isEmpty() && !args.get(0).startsWith("-")) {
                String parent = e.getCommandLine().getParent() == null ? ""
                        : e.getCommandLine().getCommandName() + " ";
                return "unknown command '" + parent + args.get(0) + "'";
            }
        }
        return e.getMessage();
    }

    /** For a misspelt command or option, what it probably was. */
    private static Optional<String> suggestion(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String typed = unmatched.getUnmatched().get(0).split("=", 2)[0];
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        Set<String> known = typed.startsWith("-") ? spec.optionsMap().keySet() : spec.subcommands().keySet();
        List<String> meant = Misspelling.meant(typed, known);
        return meant.isEmpty() ? Optional.empty() : Optional.of("did you mean " + String.join(" or ", meant) + "?");
    }

    private static int failure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof RuleSetRejected || e instanceof IOException
                || e instanceof ScenarioFormatException) {
            err.println("laborwatch: " + e.getMessage()); // says what is wrong; a stack trace would hide it
        } else {
            err.println("laborwatch: failed: " + e);
            e.printStackTrace(err);
        }
        return FAILURE;
    }
}
