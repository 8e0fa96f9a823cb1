package org.laborwatch.engine.embedded;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
    public static final String ALERTS = "alerts";
    public static final String RISK = "risk";
    public static final String DEAD_LETTERS = "dead-letters";

    public Path alertsFile() {
        return dir.resolve(ALERTS + ".jsonl");
    }

    public Path riskFile() {
        return dir.resolve(RISK + ".jsonl");
    }

    public Path deadLettersFile() {
        return dir.resolve(DEAD_LETTERS + ".jsonl");
    }

    /**
     * Reads what the sinks committed (each part file decoded on a thread of its own), orders it, and writes the files
     * people read. The lines are written as the job wrote them, not encoded again: a year's alerts are tens of MB.
     */
    static RunOutputs merge(Path out, ZoneId zone) throws IOException {
        Path parts = out.resolve(EmbeddedRun.PARTS);
        List<Line<Alert>> alerts = readAll(parts.resolve(ALERTS), () -> RecordCodec.alerts(zone));
        alerts.sort(Comparator.comparing((Line<Alert> a) -> a.value().raisedAt())
                .thenComparing(a -> a.value().id()));

        Map<String, Line<RiskSnapshot>> latest = new LinkedHashMap<>();
        for (Line<RiskSnapshot> s : readAll(parts.resolve(RISK), () -> RecordCodec.riskSnapshots(zone))) {
            latest.merge(s.value().enterpriseId(), s,
                    (old, neu) -> neu.value().asOf().isBefore(old.value().asOf()) ? old : neu);
        }
        List<Line<RiskSnapshot>> risk = new ArrayList<>(latest.values());
        risk.sort(Comparator.comparingDouble((Line<RiskSnapshot> r) -> r.value().score()).reversed()
                .thenComparing(r -> r.value().enterpriseId()));

        // What was rejected, then where: the same order however the lines were ordered or split into files.
        List<Line<DeadLetter>> deadLetters = readAll(parts.resolve(DEAD_LETTERS),
                () -> RecordCodec.deadLetters(zone));
        deadLetters.sort(Comparator.comparing((Line<DeadLetter> d) -> d.value().reason().code())
                .thenComparing(d -> d.value().raw()).thenComparing(d -> d.value().origin()));

        RunOutputs outputs = new RunOutputs(out, values(alerts), values(risk), values(deadLetters));
        writeLines(outputs.alertsFile(), alerts);
        writeLines(outputs.riskFile(), risk);
        writeLines(outputs.deadLettersFile(), deadLetters);
        return outputs;
    }

    /**
     * Every record the sinks of {@link EmbeddedRun#runJob} committed under {@code out/parts/<what>} ({@link #ALERTS},
     * {@link #RISK}, {@link #DEAD_LETTERS}), part files in name order and each file in the order it was written:
     * all of them, where {@link #merge} keeps each enterprise's latest snapshot only.
     */
    public static <T> List<T> committed(Path out, String what, Supplier<RecordCodec<T>> codecs) throws IOException {
        return values(readAll(out.resolve(EmbeddedRun.PARTS).resolve(what), codecs));
    }

    /** A record and the bytes of the line it was read from (without the newline). */
    private record Line<T>(T value, byte[] file, int offset, int length) {
    }

    /**
     * Every record of every committed part file, files in name order; in-progress files are hidden (dot-prefixed)
     * and never read. Files are decoded in parallel, each with a codec of its own.
     */
    private static <T> List<Line<T>> readAll(Path dir, Supplier<RecordCodec<T>> codecs) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        try {
            List<Line<T>> all = new ArrayList<>();
            files.parallelStream().map(file -> decode(file, codecs.get())).toList().forEach(all::addAll);
            return all;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Straight from the file's bytes: a year's alerts are tens of MB, not worth turning into strings and back. */
    private static <T> List<Line<T>> decode(Path file, RecordCodec<T> codec) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line<T>> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end > start) {
                lines.add(new Line<>(codec.decode(bytes, start, end - start), bytes, start, end - start));
            }
            start = end + 1;
        }
        return lines;
    }

    private static <T> List<T> values(List<Line<T>> lines) {
        return lines.stream().map(Line::value).toList();
    }

    private static void writeLines(Path file, List<? extends Line<?>> lines) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (Line<?> line : lines) {
                out.write(line.file(), line.offset(), line.length());
                out.write('\n');
            }
        }
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

    public static void deleteRecursively(Path dir) throws IOException {
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
