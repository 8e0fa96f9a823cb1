package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rules COMMAND}: the rule workbench, everything a rule author does with a rule set before and after it goes
 * to the running job. One class per subcommand, listed here in the order help shows them.
 */
@Command(name = "rules", synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        description = {"the rule workbench: validate, test, backtest, calibrate, explain and publish rule sets",
            "'laborwatch rules COMMAND --help' gives a command's options (docs/rule-authoring.md)."})
final class RulesCommand implements Callable<Integer> {
    private static final List<Function<PrintStream, Object>> LIST = List.of(
            ValidateRulesCommand::new,
            TestRulesCommand::new,
            RulesBacktestCommand::new,
            RulesCalibrateCommand::new,
            RulesExplainCommand::new,
            PublishRulesCommand::new,
            RulesVersionsCommand::new,
            RulesRollbackCommand::new,
            RulesWorkerCommand::new);

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    private RulesCommand(PrintStream out) {
        this.out = out;
    }

    static CommandLine commandLine(PrintStream out) {
        CommandLine rules = new CommandLine(new RulesCommand(out));
        for (Function<PrintStream, Object> command : LIST) {
            rules.addSubcommand(command.apply(out));
        }
        return rules;
    }

    /** Without a subcommand: the list, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return Main.USAGE_ERROR;
    }
}
