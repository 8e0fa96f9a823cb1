package org.laborwatch.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line as the launcher does, output and errors in one stream as a terminal shows them. */
record Cli(int exitCode, String output) {

    static Cli run(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(args);
        return new Cli(code, printed.toString(StandardCharsets.UTF_8));
    }

    /** The list's commands, in its order, as picocli has them. */
    static List<CommandLine> commands() {
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return List.copyOf(Commands.commandLine(nowhere, nowhere).getSubcommands().values());
    }

    static boolean runByLauncher(CommandLine command) {
        return command.getCommandSpec().userObject() instanceof LauncherCommand;
    }
}
