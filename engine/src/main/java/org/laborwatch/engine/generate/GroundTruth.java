package org.laborwatch.engine.generate;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's answer key, as CSV: {@code enterpriseId,profile,eruptsOn,industry,district,name}. Troubled
 * enterprises have an eruption date; the others are there so false alarms can be counted.
 */
public final class GroundTruth {
    public static final String FILE_NAME = "truth.csv";
    private static final String HEADER = "enterpriseId,profile,eruptsOn,industry,district,name";

    private final Map<String, Entry> byEnterprise;

    public record Entry(String enterpriseId, Profile profile, LocalDate eruptsOn) {
        public boolean troubled() {
            return profile == Profile.TROUBLED;
        }
    }

    private GroundTruth(Map<String, Entry> byEnterprise) {
        this.byEnterprise = byEnterprise;
    }

    public static Path write(Path file, List<Enterprise> enterprises) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (Enterprise e : enterprises) {
                w.write(String.join(",", e.id(), e.profile().name(), e.eruptsOn() == null ? "" : e.eruptsOn()
                        .toString(), e.industry(), e.district(), e.name()));
                w.write('\n');
            }
        }
        return file;
    }

    public static GroundTruth read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("enterpriseId,profile,eruptsOn")) {
                throw new IOException(file + " is not a laborwatch ground-truth file (header: " + header + ")");
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] cols = line.split(",", -1);
                if (cols.length < 3) {
                    continue;
                }
                entries.put(cols[0], new Entry(cols[0], Profile.valueOf(cols[1]),
                        cols[2].isEmpty() ? null : LocalDate.parse(cols[2])));
            }
        }
        return new GroundTruth(entries);
    }

    public Map<String, Entry> entries() {
        return byEnterprise;
    }

    public long troubledCount() {
        return byEnterprise.values().stream().filter(Entry::troubled).count();
    }
}
