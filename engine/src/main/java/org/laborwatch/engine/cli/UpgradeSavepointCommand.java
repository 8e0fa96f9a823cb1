package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.laborwatch.engine.upgrade.SavepointUpgrade;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade-savepoint", description = {
    "convert a savepoint of the release of 2026-11-30 for this one (docs/operations.md)",
    "Writes a savepoint this release restores, e.g. flink run -s TO ... (docs/operations.md, \"Upgrading\")."})
final class UpgradeSavepointCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "FROM", description = "the savepoint directory to convert (path or URI)")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "where to write the converted savepoint (path or URI)")
    String to;

    UpgradeSavepointCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        out.printf("converting savepoint %s into %s ...%n", from, to);
        SavepointUpgrade.upgrade(from, to);
        out.printf("written: %s%nrestore the job from it, e.g. flink run -s %s ...%n", to, to);
        return 0;
    }
}
