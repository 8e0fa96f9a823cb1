package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a run on the stack ({@code run --stack}, {@code demo --stack}) read and wrote, kept beside its outputs in
 * {@value #FILE} so that {@code live --from-run} can carry on from it: the range of lw.signals the run judged, and
 * where its index job stopped in each topic it reads.
 */
record RunOffsets(Map<TopicPartition, Long> signalsFrom, Map<TopicPartition, Long> signalsTo,
                  Map<TopicPartition, Long> indexEnd) {
    static final String FILE = "offsets.properties";

    private static final String SIGNALS_FROM = "signals.from.";
    private static final String SIGNALS_TO = "signals.to.";
    private static final String INDEX_END = "index.end.";

    void write(Path dir) throws IOException {
        StringBuilder text = new StringBuilder("# Where this run read lw.signals and where its index job stopped, per "
                + "topic partition: what ./laborwatch live --from-run carries on from.\n");
        append(text, SIGNALS_FROM, signalsFrom);
        append(text, SIGNALS_TO, signalsTo);
        append(text, INDEX_END, indexEnd);
        Files.writeString(dir.resolve(FILE), text, StandardCharsets.UTF_8);
    }

    static RunOffsets read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException("no " + FILE + " in " + dir + ": it is written by a run on the stack (run --stack, "
                    + "demo --stack) that finished", e);
        }
        RunOffsets offsets = new RunOffsets(offsets(p, SIGNALS_FROM, file), offsets(p, SIGNALS_TO, file),
                offsets(p, INDEX_END, file));
        if (offsets.signalsFrom().isEmpty() || offsets.indexEnd().isEmpty()) {
            throw new IOException(file + " names no offsets of lw.signals or of the index job");
        }
        return offsets;
    }

    private static void append(StringBuilder text, String prefix, Map<TopicPartition, Long> offsets) {
        new TreeMap<>(key(offsets)).forEach((k, v) -> text.append(prefix).append(k).append(" = ").append(v)
                .append('\n'));
    }

    private static Map<String, Long> key(Map<TopicPartition, Long> offsets) {
        Map<String, Long> keyed = new HashMap<>();
        offsets.forEach((tp, offset) -> keyed.put(tp.toString(), offset));
        return keyed;
    }

    /** {@code lw.signals-3}: the topic, then the partition after the last hyphen. */
    private static Map<TopicPartition, Long> offsets(Properties p, String prefix, Path file) throws IOException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String partition = key.substring(prefix.length());
            int dash = partition.lastIndexOf('-');
            try {
                offsets.put(new TopicPartition(partition.substring(0, dash),
                        Integer.parseInt(partition.substring(dash + 1))), Long.parseLong(p.getProperty(key).strip()));
            } catch (RuntimeException e) {
                throw new IOException(file + ": cannot read " + key + " = " + p.getProperty(key), e);
            }
        }
        return offsets;
    }
}
