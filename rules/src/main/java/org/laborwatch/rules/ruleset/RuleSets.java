package org.laborwatch.rules.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where rule sets come from: a directory of DRL files and decision tables an author edits, or the library bundled with
 * laborwatch.
 */
public final class RuleSets {
    /** The bundled starter library, listed so it loads from a jar as well as from a directory. */
    static final String LIBRARY = "library/";
    static final List<String> LIBRARY_FILES = List.of(
            "arrears.drl", "complaints.drl", "precursors.drl", "litigation.drl", "outcomes.drl", "escalation.drl",
            "thresholds.csv", "bursts.csv");

    private RuleSets() {
    }

    /** The bundled rule library; its version is derived from its content, so an edit gives a new version. */
    public static RuleSet bundled() {
        Map<String, String> sources = new TreeMap<>();
        for (String file : LIBRARY_FILES) {
            try (InputStream in = RuleSets.class.getClassLoader().getResourceAsStream(LIBRARY + file)) {
                if (in == null) {
                    throw new IllegalStateException("bundled rule file " + file + " is missing from the classpath");
                }
                sources.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RuleSet(contentVersion("library", sources), sources);
    }

    /**
     * Every {@code *.drl} file and decision table ({@code *.csv}, {@code *.xlsx}) directly in {@code dir}, and its
     * {@value Campaign#FILE} when it is a campaign (it travels with the rules, so the schedule is part of the version);
     * version from
     * the content unless given. A workbook is carried as the base64 of its bytes (a rule set travels as JSON text), so
     * its version, like every file's, is the hash of exactly what the author saved.
     */
    public static RuleSet fromDirectory(Path dir, String version) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> isRuleSource(p.getFileName().toString())).sorted().toList()) {
                sources.put(file.getFileName().toString(), read(file));
            }
        }
        if (sources.isEmpty()) {
            throw new IOException("no .drl files or decision tables (.csv, .xlsx) in " + dir);
        }
        String name = dir.toAbsolutePath().normalize().getFileName() == null
                ? "rules" : dir.toAbsolutePath().normalize().getFileName().toString();
        return new RuleSet(version != null ? version : contentVersion(name, sources), sources);
    }

    /**
     * A rule set from files as uploaded (file name to text, a workbook as base64), versioned {@code name-<hash>} as a
     * directory of the same files would be.
     */
    public static RuleSet fromFiles(String name, Map<String, String> sources) {
        return new RuleSet(contentVersion(name, sources), sources);
    }

    /**
     * The rule set with its points tables set aside, each rule at the points its own {@code @points} gives, or the
     * rule set itself when it has none. Scenarios judge this: they test what rules find and what the points the rules
     * declare make of it, so a points table (a calibration, a policy change) leaves them valid; what a points table
     * does to a city's levels is shown by a backtest.
     */
    public static RuleSet withOwnPoints(RuleSet rules) {
        Map<String, String> sources = new TreeMap<>();
        rules.sources().forEach((file, text) -> {
            if (!PointsTable.isPointsTable(file, text)) {
                sources.put(file, text);
            }
        });
        return sources.size() == rules.sources().size() ? rules
                : new RuleSet(rules.version() + "-own-points", sources);
    }

    /** The files of {@code rules} that are points tables. */
    public static List<String> pointsTables(RuleSet rules) {
        return rules.sources().entrySet().stream().filter(e -> PointsTable.isPointsTable(e.getKey(), e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Files uploaded through the service's workbench, versioned {@code upload-<hash>}: the same name whether the
     * service validates them or the workbench worker runs them, so a job reports the version its author was shown.
     */
    public static RuleSet fromUpload(Map<String, String> sources) {
        return fromFiles("upload", sources);
    }

    private static boolean isRuleSource(String name) {
        // Excel and WPS keep a lock file (~$thresholds.xlsx) beside a workbook while it is open; it is not a table.
        return !name.startsWith("~$") && (name.endsWith(".drl") || DecisionTable.isTable(name)
                || name.equals(Campaign.FILE));
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(DecisionTable.XLSX)) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Excel and WPS save "CSV" in the system's code page (GBK on a Chinese Windows) unless told otherwise.
            throw new IOException(file + " is not UTF-8 text; save it as UTF-8 (in Excel and WPS: "
                    + "\"CSV UTF-8 (逗号分隔)\")", e);
        }
    }

    /** {@code name-<first 10 hex of SHA-256 over file names and texts>}: stable across machines and replays. */
    static String contentVersion(String name, Map<String, String> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(sources).forEach((file, text) -> {
                digest.update(file.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return name + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
