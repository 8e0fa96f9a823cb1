package org.laborwatch.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.risk.SourceLateness;
import org.laborwatch.rules.fact.SignalSource;

/**
 * The engine's configuration: {@code config/laborwatch.properties}, the one file the command line, the live job on a
 * cluster and {@code docker/} read. The engine jar carries a copy of it ({@link #bundled}); a file given at run time
 * overrides what it names ({@link #load}). A key the engine does not know, or a value it cannot read, is refused
 * with the key and the file: a misspelt setting must never be silently ignored.
 */
public record EngineConfig(RiskConfig risk, StreamTime stream) {
    /** The classpath name of the copy bundled with the engine. */
    public static final String RESOURCE = "laborwatch.properties";
    /** Where a checkout keeps it, relative to the checkout. */
    public static final Path IN_CHECKOUT = Path.of("config", RESOURCE);

    private static final String LATENESS = "lateness.";
    private static final String OFF = "off";

    /** The configuration as bundled with the engine. */
    public static EngineConfig bundled() {
        return parse(bundledProperties(), "the bundled " + RESOURCE);
    }

    /** The bundled configuration with what {@code file} sets; {@code file} null: the bundled one. */
    public static EngineConfig load(Path file) throws IOException {
        if (file == null) {
            return bundled();
        }
        Properties merged = bundledProperties();
        Properties given = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            given.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException("configuration file not found: " + file, e);
        }
        merged.putAll(given);
        return parse(merged, file.toString());
    }

    private static Properties bundledProperties() {
        try (InputStream in = EngineConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the engine's classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EngineConfig parse(Properties p, String where) {
        Keys keys = new Keys(p, where);
        Map<SignalSource, Duration> lateness = new EnumMap<>(SignalSource.class);
        for (SignalSource source : SignalSource.values()) {
            lateness.put(source, keys.duration(LATENESS + source.name()));
        }
        RiskConfig risk = new RiskConfig(keys.duration("risk.half-life"), SourceLateness.of(lateness),
                keys.duration("risk.suppression"), keys.duration("risk.idle-ttl"),
                keys.integer("risk.evidence-signals"), RiskConfig.Snapshots.ON_CHANGE,
                keys.duration("stream.ahead-after"));
        StreamTime stream = new StreamTime(keys.duration("stream.out-of-orderness"), keys.integer("stream.quorum"),
                keys.integer("stream.window"), keys.duration("stream.partition-idleness"),
                keys.durationOrOff("stream.idle-advance"));
        keys.refuseUnknown();
        return new EngineConfig(risk, stream);
    }

    /** Reads keys once each; whatever is left unread at the end is a key nobody knows. */
    private static final class Keys {
        private final Properties properties;
        private final String where;
        private final Set<String> unread;

        Keys(Properties properties, String where) {
            this.properties = properties;
            this.where = where;
            this.unread = new TreeSet<>(properties.stringPropertyNames());
        }

        private String value(String key) {
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IllegalArgumentException(where + ": " + key + " is not set");
            }
            unread.remove(key);
            return value.strip();
        }

        Duration duration(String key) {
            String value = value(key);
            Duration d = Durations.parse(value);
            if (d == null) {
                throw new IllegalArgumentException(where + ": " + key + " = '" + value
                        + "' is not a duration (a number and d, h, min, s or ms: 45d, 90s)");
            }
            return d;
        }

        /** A duration, or {@code off} for none (null). */
        Duration durationOrOff(String key) {
            if (OFF.equalsIgnoreCase(properties.getProperty(key, "").strip())) {
                value(key);
                return null;
            }
            return duration(key);
        }

        int integer(String key) {
            String value = value(key);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": " + key + " = '" + value + "' is not a whole number");
            }
        }

        void refuseUnknown() {
            if (!unread.isEmpty()) {
                throw new IllegalArgumentException(where + ": unknown setting" + (unread.size() > 1 ? "s " : " ")
                        + String.join(", ", unread) + " (the known ones are in config/" + RESOURCE + ")");
            }
        }
    }
}
