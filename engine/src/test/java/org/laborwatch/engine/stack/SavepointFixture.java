package org.laborwatch.engine.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.kafka.SignalProducer;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;

/**
 * A savepoint of the live job (the {@link StackJob} topology: Kafka in and out, following a rules topic) taken by one
 * release and committed under {@code src/test/resources/savepoints/<name>/}, so later releases prove they restore it
 * (docs/operations.md, "Upgrading"). Beside the savepoint: the signals the job had read ({@code before.jsonl}), the
 * signals to feed after the restore ({@code after.jsonl}), the rule set it followed ({@code rules/}), and what it had
 * done by the savepoint ({@code fixture.properties}: alerts raised, signals judged).
 *
 * <p>Each fixture has topics of its own ({@link #topics}), recreated by whoever uses them and filled with exactly the
 * records the savepoint's Kafka positions point into, so a restored source reads on where the savepoint left off.
 */
record SavepointFixture(Path dir, Properties description) {
    static final String PARTITIONS = "signals.partitions";
    static final String RULE_SET_VERSION = "rules.version";
    static final String ALERTS_BEFORE = "alerts.before";
    static final String JUDGED_BEFORE = "judged.before";
    static final String PARALLELISM = "job.parallelism";
    /** The format the enterprise states are in ({@code EnterpriseStateSerializer.VERSION} of the release). */
    static final String STATE_FORMAT = "state.format";

    static Path root() {
        return Path.of("src", "test", "resources", "savepoints");
    }

    /** Every committed fixture, oldest first. */
    static List<SavepointFixture> all() throws IOException {
        try (Stream<Path> dirs = Files.list(root())) {
            List<SavepointFixture> fixtures = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                fixtures.add(read(dir));
            }
            return fixtures;
        }
    }

    static SavepointFixture read(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("fixture.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new SavepointFixture(dir, p);
    }

    void write() throws IOException {
        try (Writer out = Files.newBufferedWriter(dir.resolve("fixture.properties"), StandardCharsets.UTF_8)) {
            description.store(out, "savepoint fixture; see README.md beside it");
        }
    }

    String name() {
        return dir.getFileName().toString();
    }

    Topics topics() {
        return Topics.named("fixture-" + name());
    }

    Path savepoint() {
        return dir.resolve("savepoint");
    }

    Path before() {
        return dir.resolve("before.jsonl");
    }

    Path after() {
        return dir.resolve("after.jsonl");
    }

    RuleSet rules() throws IOException {
        return RuleSets.fromDirectory(dir.resolve("rules"), description.getProperty(RULE_SET_VERSION));
    }

    int partitions() {
        return Integer.parseInt(description.getProperty(PARTITIONS));
    }

    int stateFormat() {
        return Integer.parseInt(description.getProperty(STATE_FORMAT));
    }

    int parallelism() {
        return Integer.parseInt(description.getProperty(PARALLELISM));
    }

    long judgedBefore() {
        return Long.parseLong(description.getProperty(JUDGED_BEFORE));
    }

    List<String> alertsBefore() {
        String ids = description.getProperty(ALERTS_BEFORE, "");
        return ids.isBlank() ? List.of() : List.of(ids.split(","));
    }

    /**
     * Recreates the fixture's topics empty, then puts back what the savepoint's positions point into: the rule set at
     * offset 0 of the rules topic and {@code before.jsonl} in the signals topic, partitioned by enterprise as then.
     */
    void recreateTopicsAsAtTheSavepoint(String kafka) throws Exception {
        Stack.recreate(topics(), partitions());
        publish(kafka, rules());
        produce(kafka, before());
    }

    void publish(String kafka, RuleSet rules) throws Exception {
        try (RuleSetPublisher publisher = new RuleSetPublisher(kafka, topics().rules(), Stack.ZONE)) {
            publisher.publish(rules, "city");
        }
    }

    void produce(String kafka, Path signals) throws IOException {
        try (SignalProducer producer = new SignalProducer(kafka, topics().signals(), SignalCodec.defaults())) {
            producer.produce(List.of(signals), sent -> { });
        }
    }

    /** Until the job has committed (checkpointed) its position at the end of every partition of the signals. */
    void awaitRead(String kafka, String group) throws Exception {
        Stack.awaitCommitted(group, topics().signals(), TopicOffsets.end(kafka, topics().signals()));
    }

    /** A savepoint directory copied whole: a restore never gets to touch the committed fixture. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
