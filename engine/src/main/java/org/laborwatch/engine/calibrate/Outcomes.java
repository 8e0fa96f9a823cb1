package org.laborwatch.engine.calibrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.rules.fact.Signal;

/**
 * The history as calibration sees it: its period, when each enterprise was first seen, and when each one erupted
 * (from the answer key, from a definition over the signals, or the earlier of the two when both are given).
 *
 * @param firstSeen per enterprise, its first signal: before it the engine knew nothing of it, so no sample is taken
 * @param eruptions per enterprise that erupted, the moment it did (an answer key's date counts from the start of that
 *                  day in the city's zone)
 */
public record Outcomes(Instant start, Instant end, long signals, Map<String, Instant> firstSeen,
                       Map<String, Instant> eruptions) {

    /**
     * Reads every signal once. Lines the engine would reject are skipped here too; the engine's own dead letters are
     * what a run reports, this only needs the period and the eruptions.
     */
    public static Outcomes read(List<Path> signalFiles, SignalCodec codec, GroundTruth truth, Eruptions definition)
            throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count = 0;
        Map<String, Instant> firstSeen = new HashMap<>();
        Map<String, Instant> eruptions = new HashMap<>();
        for (Path file : signalFiles) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank() || !(codec.decode(line, file + ":" + n) instanceof Decoded.Accepted a)) {
                        continue;
                    }
                    Signal s = a.signal();
                    count++;
                    first = Math.min(first, s.occurredAtMillis());
                    last = Math.max(last, s.occurredAtMillis());
                    firstSeen.merge(s.enterpriseId(), s.occurredAt(), Outcomes::earlier);
                    if (definition != null && definition.isEruption(s)) {
                        eruptions.merge(s.enterpriseId(), s.occurredAt(), Outcomes::earlier);
                    }
                }
            }
        }
        if (count == 0) {
            throw new IOException("no signals to calibrate on in " + signalFiles);
        }
        if (truth != null) {
            addTruth(truth, codec.zone(), eruptions);
        }
        return new Outcomes(Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), count, Map.copyOf(firstSeen),
                Map.copyOf(eruptions));
    }

    private static void addTruth(GroundTruth truth, ZoneId zone, Map<String, Instant> eruptions) {
        for (GroundTruth.Entry e : truth.entries().values()) {
            if (e.troubled() && e.eruptsOn() != null) {
                eruptions.merge(e.enterpriseId(), e.eruptsOn().atStartOfDay(zone).toInstant(), Outcomes::earlier);
            }
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** When the enterprise erupted, or {@link Long#MAX_VALUE} if it never did within the history. */
    public long eruptionMillis(String enterpriseId) {
        Instant at = eruptions.get(enterpriseId);
        return at == null ? Long.MAX_VALUE : at.toEpochMilli();
    }
}
