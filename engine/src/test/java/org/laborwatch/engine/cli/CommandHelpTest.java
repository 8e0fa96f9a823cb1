package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** What every command of the list does with --help, an unknown option and a missing required argument. */
class CommandHelpTest {

    static Stream<String> everyCommand() {
        return Cli.commands().stream().map(Cli::name);
    }

    static Stream<String> commandsWithRequiredArguments() {
        return Cli.commands().stream().filter(c -> !required(c.getCommandSpec()).isEmpty())
                .map(Cli::name);
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void shouldPrintItsUsageAndSucceedWhenAskedForHelp(String command) {
        Cli cli = Cli.runCommand(command, "--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.output()).startsWith("Usage: laborwatch " + command);
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void shouldPrintItsUsageWhenHelpIsAskedForByName(String command) {
        Cli cli = Cli.runCommand("help " + command);

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.output()).isEqualTo(Cli.runCommand(command, "-h").output());
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void shouldNameAnUnknownOptionAndFailAsAUsageErrorWhenGivenOne(String command) {
        Cli cli = Cli.runCommand(command, "--no-such-option");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("'--no-such-option'").contains("See 'laborwatch " + command + " --help'");
    }

    @ParameterizedTest
    @MethodSource("commandsWithRequiredArguments")
    void shouldNameAMissingRequiredArgumentAndFailAsAUsageErrorWhenGivenNone(String command) {
        Cli cli = Cli.runCommand(command);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("Missing required")
                .contains(label(required(Cli.commands().stream().filter(c -> Cli.name(c).equals(command))
                        .findFirst().orElseThrow().getCommandSpec()).get(0)));
    }

    @Test
    void shouldKnowTheCommandsThatRequireArguments() {
        assertThat(commandsWithRequiredArguments()).containsExactly("generate", "run", "rules validate",
                "rules test", "rules backtest", "rules calibrate", "rules explain", "rules publish",
                "rules rollback", "replay", "upgrade-savepoint");
    }

    private static List<ArgSpec> required(CommandSpec spec) {
        return spec.args().stream().filter(ArgSpec::required).toList();
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : ((PositionalParamSpec) arg).paramLabel();
    }
}
