package org.laborwatch.engine.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;

/**
 * A generated city's year as agencies' data really arrives: the lines of every source in any order, some delivered
 * twice or three times, and a few outliers: signals dated months ahead of the rest (a mistyped month), one years back,
 * one redelivered claiming another time, and two dated decades ahead (a mistyped year, past any clock: dead letters
 * in every order). The same multiset of lines, in any order and split into any files, must be judged alike.
 */
public final class MessyDeliveries {
    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    /** Outliers dated months ahead of the year (but never past the clock): they must be judged, not rejected. */
    public static final int AHEAD = 3;
    /** Outliers dated past any clock: FUTURE_TIME dead letters whatever the order. */
    public static final int FUTURE = 2;

    private final List<String> lines;

    private MessyDeliveries(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    public static MessyDeliveries of(int enterprises, long seed, Path work) throws IOException {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        var city = new SampleGenerator(new SampleGenerator.Options(enterprises, 365, seed,
                LocalDate.of(2025, 3, 1), 1, zone)).writeTo(work);
        List<String> year = new ArrayList<>(Files.readAllLines(city.files().get(0), StandardCharsets.UTF_8));
        year.removeIf(String::isBlank);
        Random random = new Random(seed);
        List<String> messy = new ArrayList<>(year);
        for (int i = 0; i < year.size() / 50; i++) {
            messy.add(year.get(random.nextInt(year.size()))); // redelivered, anywhere
        }
        for (int i = 0; i < AHEAD; i++) {
            messy.add(shifted(year.get(random.nextInt(year.size())), Duration.ofDays(150 + 20 * i), "-AHEAD" + i));
        }
        messy.add(shifted(year.get(random.nextInt(year.size())), Duration.ofDays(-3650), "-BACK"));
        messy.add(shifted(year.get(random.nextInt(year.size())), Duration.ofDays(40), null));
        for (int i = 0; i < FUTURE; i++) {
            messy.add(shifted(year.get(random.nextInt(year.size())), Duration.ofDays(365 * 40), "-YEAR" + i));
        }
        return new MessyDeliveries(messy);
    }

    /** The line with its time moved; a new id unless {@code idSuffix} is null (a redelivery claiming another time). */
    private static String shifted(String line, Duration by, String idSuffix) {
        Matcher at = OCCURRED_AT.matcher(line);
        if (!at.find()) {
            throw new IllegalStateException("no occurredAt in " + line);
        }
        String moved = OffsetDateTime.parse(at.group(1)).plus(by).toString();
        String result = line.substring(0, at.start(1)) + moved + line.substring(at.end(1));
        if (idSuffix == null) {
            return result;
        }
        Matcher id = ID.matcher(result);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + line);
        }
        return result.substring(0, id.end(1)) + idSuffix + result.substring(id.end(1));
    }

    public List<String> lines() {
        return lines;
    }

    /** The lines in event-time order: what a pre-sorting user has. */
    public List<String> sorted() {
        return inEventTimeOrder(lines);
    }

    /** {@code lines} in event-time order, ties by text, lines that do not decode last. */
    public static List<String> inEventTimeOrder(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(MessyDeliveries::occurredAtMillis)
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    /** The line's event time, or {@code Long.MAX_VALUE} when it does not decode. */
    public static long occurredAtMillis(String line) {
        return SignalCodec.defaults().decode(line, "sort") instanceof Decoded.Accepted a
                ? a.signal().occurredAtMillis() : Long.MAX_VALUE;
    }

    public List<String> shuffled(long seed) {
        List<String> shuffled = new ArrayList<>(lines);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled;
    }

    /** {@code lines} written to {@code parts} files cut at random places, in {@code dir}. */
    public static List<Path> write(List<String> lines, int parts, long seed, Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            cuts.add(random.nextInt(lines.size()));
        }
        Collections.sort(cuts);
        cuts.add(lines.size());
        List<Path> files = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < parts; i++) {
            Path file = dir.resolve(String.format("part-%02d.jsonl", i));
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String line : lines.subList(from, cuts.get(i))) {
                    w.write(line);
                    w.write('\n');
                }
            }
            from = cuts.get(i);
            files.add(file);
        }
        return files;
    }
}
