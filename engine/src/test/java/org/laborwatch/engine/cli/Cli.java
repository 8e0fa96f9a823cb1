package org.laborwatch.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the command line as the launcher does, output and errors in one stream as a terminal shows them. */
record Cli(int exitCode, String output) {

    static Cli run(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(args);
        return new Cli(code, printed.toString(StandardCharsets.UTF_8));
    }

    /**
     * The list's commands, in its order, as picocli has them: a command group ({@code rules}) by its subcommands
     * ({@code rules validate}, ...), each what a user runs.
     */
    static List<CommandLine> commands() {
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Commands.commandLine(nowhere, nowhere).getSubcommands().values().stream()
                .flatMap(Cli::leaves).toList();
    }

    /** A command's name as typed after {@code laborwatch}: {@code run}, {@code rules validate}. */
    static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName(" ").substring("laborwatch ".length());
    }

    /** Runs a command by its {@link #name} with these arguments. */
    static Cli runCommand(String name, String... args) {
        return run(Stream.concat(Arrays.stream(name.split(" ")), Arrays.stream(args)).toArray(String[]::new));
    }

    private static Stream<CommandLine> leaves(CommandLine command) {
        return command.getSubcommands().isEmpty() ? Stream.of(command)
                : command.getSubcommands().values().stream().flatMap(Cli::leaves);
    }

    static boolean runByLauncher(CommandLine command) {
        return command.getCommandSpec().userObject() instanceof LauncherCommand;
    }
}
