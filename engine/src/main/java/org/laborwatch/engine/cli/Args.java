package org.laborwatch.engine.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one subcommand; anything unknown or malformed is a usage error. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    private Args() {
    }

    static Args parse(List<String> args, Set<String> known) {
        return parse(args, known, Set.of());
    }

    /** {@code flags} are options without a value ({@code --stack}). */
    static Args parse(List<String> args, Set<String> known, Set<String> flags) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageError("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && value == null) {
                parsed.values.put(name, "true");
                continue;
            }
            if (!known.contains(name)) {
                Set<String> all = new java.util.TreeSet<>(known);
                all.addAll(flags);
                throw new UsageError("unknown option --" + name + "; options: --" + String.join(", --", all));
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageError("option --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            parsed.values.put(name, value);
        }
        return parsed;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Path path(String name) {
        String v = values.get(name);
        return v == null ? null : Path.of(v);
    }

    Path requiredPath(String name) {
        Path p = path(name);
        if (p == null) {
            throw new UsageError("--" + name + " is required");
        }
        return p;
    }

    int integer(String name, int fallback, int min) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new UsageError("--" + name + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageError("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageError("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** A wrong command line: printed with the usage, exit code 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
