package org.laborwatch.engine.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [COMMAND]}. picocli's own help command ignores what it does not understand ({@code help --hlep}
 * printed the list and succeeded); this one refuses it like every other command.
 */
@Command(name = "help", description = "this list; help COMMAND: that command's options and arguments")
final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "COMMAND", description = "a command of the list (and its subcommand)")
    List<String> command = List.of();

    @Override
    public Integer call() {
        CommandLine all = spec.parent().commandLine();
        CommandLine wanted = all;
        for (String name : command) {
            wanted = wanted.getSubcommands().get(name);
            if (wanted == null) {
                throw Usage.error(spec, "unknown command '" + String.join(" ", command) + "'");
            }
        }
        wanted.usage(all.getOut());
        return Main.SUCCESS;
    }
}
