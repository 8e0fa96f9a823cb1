package org.laborwatch.engine.calibrate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.laborwatch.rules.ruleset.Campaign;

/**
 * The proposal as a rule set directory: the input's rule files, scenarios and campaign schedule copied unchanged, and
 * a points table ({@code points.csv}) that overrides each rule's {@code @points}, so the rules' logic stays exactly as
 * reviewed and only the points differ. An earlier points table in the input (its first cell {@code RulePoints}) is
 * replaced.
 */
final class PointsTable {
    static final String FILE = "points.csv";
    static final String KEYWORD = "RulePoints";
    private static final String SCENARIOS = "scenarios";

    private PointsTable() {
    }

    static void writeRuleSet(Path from, Path to, List<Calibration.RuleResult> rules) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (isRuleFile(file) && !isPointsTable(file)) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path scenarios = from.resolve(SCENARIOS);
        if (Files.isDirectory(scenarios)) {
            copyTree(scenarios, to.resolve(SCENARIOS));
        }
        write(to.resolve(FILE), rules);
    }

    static void write(Path file, List<Calibration.RuleResult> rules) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(KEYWORD + ",规则分值表\n");
            w.write("编号,分值,说明\n");
            for (Calibration.RuleResult r : rules) {
                w.write(r.id() + "," + r.after() + "," + note(r) + "\n");
            }
        }
    }

    /** Commas never: the note is one cell. */
    static String note(Calibration.RuleResult r) {
        return switch (r.verdict()) {
            case FITTED -> "校准:原 " + r.before() + " 分";
            case NO_SIGNAL -> "校准:原 " + r.before() + " 分;无预测力";
            case NO_HITS -> "未校准:纠纷前无命中;保持原 " + r.before() + " 分";
        };
    }

    /** Rule sources, and a campaign's schedule: without it a calibrated campaign would become a base set. */
    private static boolean isRuleFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith("~$") && (name.endsWith(".drl") || name.endsWith(".csv") || name.endsWith(".xlsx")
                || name.equals(Campaign.FILE));
    }

    private static boolean isPointsTable(Path file) throws IOException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return false;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("");
            return first.replace("\uFEFF", "").strip().startsWith(KEYWORD);
        } catch (java.io.UncheckedIOException e) {
            return false; // not UTF-8: not a table of ours; copied, and the compiler says what it makes of it
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
