package org.laborwatch.engine.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A wrong command line that only the command itself can tell (a range backwards, a number too small): thrown as
 * picocli's own usage error, so it is reported like a misspelt option, with the command's usage and exit code 2.
 */
final class Usage {
    private Usage() {
    }

    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static int atLeast(CommandSpec spec, String option, int value, int min) {
        if (value < min) {
            throw error(spec, option + " must be at least " + min + ", got " + value);
        }
        return value;
    }
}
