package org.laborwatch.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command the launcher script runs itself (a case of its own in {@code ./laborwatch}): listed in {@link Commands}
 * with the engine's commands, so that help, {@code --help} and README's table know it. Run here, it says where it
 * runs.
 */
final class LauncherCommand implements Callable<Integer> {
    private final String name;
    private CommandSpec spec;

    private LauncherCommand(String name) {
        this.name = name;
    }

    /**
     * {@code synopses}: what follows the name on each way of calling it, as the launcher (or the script it hands
     * over to) takes it; none for a command without arguments.
     */
    static CommandSpec spec(String name, String description, String... synopses) {
        LauncherCommand command = new LauncherCommand(name);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        String[] lines = synopses.length == 0 ? new String[] {""} : synopses;
        String[] synopsis = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            // The first after "Usage: ", the others aligned with it.
            String indent = i == 0 ? "" : " ".repeat("Usage: ".length());
            synopsis[i] = indent + ("laborwatch " + name + " " + lines[i]).strip();
        }
        spec.usageMessage()
                .description(description, "Runs in the launcher script: ./laborwatch " + name + " ...")
                .customSynopsis(synopsis);
        command.spec = spec;
        return spec;
    }

    /** The arguments each way of calling it names, for README's table to be checked against. */
    static String synopsis(CommandSpec spec) {
        return String.join(" ", spec.usageMessage().customSynopsis());
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().printf("laborwatch: '%s' runs in the launcher script: ./laborwatch %s%n", name,
                name);
        return 2;
    }
}
