package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * README.md's command table and the launcher's cases against the one list of commands ({@link Commands}): a command
 * added, renamed or given other options there fails here until README.md and {@code ./laborwatch} say the same.
 */
class CommandListTest {
    private static final Path README = Path.of("../README.md");
    private static final Path LAUNCHER = Path.of("../laborwatch");
    /** A row of the table: its first cell, up to the first bar that is not escaped ({@code FILE\|DIR}). */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(.*?)\\s*(?<!\\\\)\\|.*\\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");
    private static final Pattern CASE = Pattern.compile("^  ([a-z][a-z|-]*)\\)$");

    private final List<CommandLine> commands = Cli.commands();

    @Test
    void shouldListEveryCommandInReadmeInTheOrderOfTheList() throws IOException {
        assertThat(readmeRows().keySet()).containsExactlyElementsOf(names());
    }

    @Test
    void shouldShowOnlyOptionsACommandHasWhenReadmeShowsSome() throws IOException {
        Map<String, String> rows = readmeRows();
        for (CommandLine command : commands) {
            Set<String> shown = options(rows.getOrDefault(Cli.name(command), ""));

            assertThat(known(command.getCommandSpec())).as("the options of %s", Cli.name(command))
                    .containsAll(shown);
        }
    }

    @Test
    void shouldShowEveryRequiredArgumentOfACommandInReadme() throws IOException {
        Map<String, String> rows = readmeRows();
        for (CommandLine command : commands) {
            for (ArgSpec arg : command.getCommandSpec().args()) {
                if (arg.required()) {
                    assertThat(rows.get(Cli.name(command))).as("README's %s", Cli.name(command))
                            .contains(label(arg));
                }
            }
        }
    }

    @Test
    void shouldGiveEveryLauncherCommandACaseInTheLauncherAndNoOtherCommandOne() throws IOException {
        Set<String> launcherCommands = commands.stream().filter(Cli::runByLauncher).map(Cli::name)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> cases = launcherCases();

        assertThat(cases).containsAll(launcherCommands);
        assertThat(names()).as("commands the list has").containsAll(cases);
    }

    @Test
    void shouldLeaveTheUsageTextToTheList() throws IOException {
        assertThat(Files.readString(LAUNCHER, StandardCharsets.UTF_8)).doesNotContain("usage()")
                .contains("org.laborwatch.engine.cli.Main \"$cmd\" \"$@\"");
    }

    private List<String> names() {
        return commands.stream().map(Cli::name).toList();
    }

    /** Command name to the first cells of its rows in the table under "## Commands", in the table's order. */
    private static Map<String, String> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int heading = lines.indexOf("## Commands");
        assertThat(heading).as("README.md has a \"## Commands\" section").isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (!row.matches() || !row.group(1).startsWith("`./laborwatch ")) {
                continue;
            }
            Matcher code = CODE.matcher(row.group(1));
            code.find();
            String[] words = code.group(1).substring("./laborwatch ".length()).split(" ");
            // A command group's rows name a subcommand too: `./laborwatch rules validate DIR`.
            String name = words[0].equals("rules") ? words[0] + " " + words[1] : words[0];
            rows.merge(name, row.group(1), (a, b) -> a + " " + b);
        }
        return rows;
    }

    private static Set<String> options(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** The options a command takes: picocli's, or what a launcher command's synopsis names. */
    private static Set<String> known(CommandSpec spec) {
        if (spec.userObject() instanceof LauncherCommand) {
            return options(LauncherCommand.synopsis(spec));
        }
        return spec.optionsMap().keySet();
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : ((PositionalParamSpec) arg).paramLabel();
    }

    private static Set<String> launcherCases() throws IOException {
        List<String> cases = new ArrayList<>();
        for (String line : Files.readAllLines(LAUNCHER, StandardCharsets.UTF_8)) {
            Matcher m = CASE.matcher(line);
            if (m.matches()) {
                cases.addAll(Arrays.asList(m.group(1).split("\\|")));
            }
        }
        assertThat(cases).as("the launcher's cases").isNotEmpty();
        return new TreeSet<>(cases);
    }
}
