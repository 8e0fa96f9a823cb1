package org.laborwatch.engine.embedded;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * The embedded run's results as people read them: {@code alerts.jsonl} in event-time order,
 * {@code risk.jsonl} with the latest snapshot per enterprise, and {@code dead-letters.jsonl}. Built from the part
 * files the sinks committed under {@code parts/}.
 */
public record RunOutputs(Path dir, List<Alert> alerts, List<RiskSnapshot> risk, List<DeadLetter> deadLetters) {
    static final String ALERTS = "alerts";
    static final String RISK = "risk";
    static final String DEAD_LETTERS = "dead-letters";

    public Path alertsFile() {
        return dir.resolve(ALERTS + ".jsonl");
    }

    public Path riskFile() {
        return dir.resolve(RISK + ".jsonl");
    }

    public Path deadLettersFile() {
        return dir.resolve(DEAD_LETTERS + ".jsonl");
    }

    static RunOutputs merge(Path out, ZoneId zone) throws IOException {
        Path parts = out.resolve(EmbeddedRun.PARTS);
        RecordCodec<Alert> alertCodec = RecordCodec.alerts(zone);
        RecordCodec<RiskSnapshot> riskCodec = RecordCodec.riskSnapshots(zone);
        RecordCodec<DeadLetter> deadLetterCodec = RecordCodec.deadLetters(zone);

        List<Alert> alerts = new ArrayList<>(readAll(parts.resolve(ALERTS)).stream().map(alertCodec::decode)
                .toList());
        alerts.sort(Comparator.comparing(Alert::raisedAt).thenComparing(Alert::id));

        Map<String, RiskSnapshot> latest = new LinkedHashMap<>();
        for (String line : readAll(parts.resolve(RISK))) {
            RiskSnapshot s = riskCodec.decode(line);
            latest.merge(s.enterpriseId(), s, (old, neu) -> neu.asOf().isBefore(old.asOf()) ? old : neu);
        }
        List<RiskSnapshot> risk = new ArrayList<>(latest.values());
        risk.sort(Comparator.comparingDouble(RiskSnapshot::score).reversed()
                .thenComparing(RiskSnapshot::enterpriseId));

        // What was rejected, then where: the same order however the lines were ordered or split into files.
        List<DeadLetter> deadLetters = new ArrayList<>(readAll(parts.resolve(DEAD_LETTERS)).stream()
                .map(deadLetterCodec::decode).toList());
        deadLetters.sort(Comparator.comparing((DeadLetter d) -> d.reason().code())
                .thenComparing(DeadLetter::raw).thenComparing(DeadLetter::origin));

        RunOutputs outputs = new RunOutputs(out, alerts, risk, deadLetters);
        write(outputs.alertsFile(), alerts, alertCodec);
        write(outputs.riskFile(), risk, riskCodec);
        write(outputs.deadLettersFile(), deadLetters, deadLetterCodec);
        return outputs;
    }

    /** Lines of every committed part file; in-progress files are hidden (dot-prefixed) and never read. */
    private static List<String> readAll(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    /** One record a line, as the wire codec writes it. */
    public static <T> void write(Path file, List<T> records, RecordCodec<T> codec) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (T record : records) {
                w.write(codec.encode(record));
                w.write('\n');
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
