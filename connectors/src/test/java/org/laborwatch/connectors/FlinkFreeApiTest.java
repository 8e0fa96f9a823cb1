package org.laborwatch.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flink is an optional dependency of connectors, so a module without Flink (ui-api) gets none. The classes such a
 * module uses must therefore not need Flink, directly or through another laborwatch class: checked two ways, by
 * reading their bytecode and by running {@link FlinkFreeUse} where Flink cannot be loaded.
 */
class FlinkFreeApiTest {
    private static final String FLINK = "org.apache.flink.";
    private static final Pattern LABORWATCH_CLASS = Pattern.compile("org/laborwatch/[A-Za-z0-9_/$]+");

    @ParameterizedTest
    @ValueSource(strings = {
        "org.laborwatch.connectors.kafka.Topics",
        "org.laborwatch.connectors.kafka.KafkaClients",
        "org.laborwatch.connectors.kafka.TopicOffsets",
        "org.laborwatch.connectors.kafka.SignalProducer",
        "org.laborwatch.connectors.kafka.RuleSetPublisher",
        "org.laborwatch.connectors.kafka.SignalReplay",
        "org.laborwatch.connectors.json.RecordCodec",
        "org.laborwatch.connectors.json.SignalCodec",
        "org.laborwatch.connectors.json.Decoded",
        "org.laborwatch.connectors.json.DeadLetter",
        "org.laborwatch.connectors.json.Rejection",
        "org.laborwatch.connectors.json.IsoTime",
        "org.laborwatch.connectors.json.Districts",
        "org.laborwatch.connectors.json.OutputJson",
        "org.laborwatch.connectors.elasticsearch.Documents",
        "org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint",
        "org.laborwatch.connectors.elasticsearch.SignalArchive",
    })
    void shouldReferToNoFlinkTypeWhenFollowingEveryLaborwatchClassItUses(String className) {
        Set<String> withFlink = new TreeSet<>();
        for (String used : laborwatchClassesReachableFrom(className)) {
            if (bytecode(used).contains(FLINK.replace('.', '/'))) {
                withFlink.add(used);
            }
        }

        assertThat(withFlink).as("classes reached from %s that refer to Flink", className).isEmpty();
    }

    @Test
    void shouldSeeTheBytecodeCheckCatchAClassThatNeedsFlink() {
        assertThat(laborwatchClassesReachableFrom("org.laborwatch.connectors.kafka.KafkaConnections"))
                .anyMatch(c -> bytecode(c).contains("org/apache/flink/"));
    }

    @Test
    void shouldPublishReplayAndCodeWhenFlinkCannotBeLoaded() throws Exception {
        try (URLClassLoader withoutFlink = new WithoutFlink(testClassPath())) {
            @SuppressWarnings("unchecked")
            Supplier<List<String>> use = (Supplier<List<String>>) withoutFlink
                    .loadClass(FlinkFreeUse.class.getName()).getDeclaredConstructor().newInstance();

            // Kafka's clients load their plug-ins through the context class loader, as in any application.
            Thread.currentThread().setContextClassLoader(withoutFlink);
            List<String> done;
            try {
                done = use.get();
            } finally {
                Thread.currentThread().setContextClassLoader(FlinkFreeApiTest.class.getClassLoader());
            }

            assertThat(done).containsExactly("rule set v1", "event [a.drl:1 nonsense]", "signal Rejected",
                    "topics 6 lw.rules", "index lw-risk", "features 12", "acks all", "publisher RuleSetPublisher",
                    "replay SignalReplay 1970-01-01T00:00:00Z");
        }
    }

    @Test
    void shouldFailAClassThatNeedsFlinkWhenFlinkCannotBeLoaded() throws Exception {
        try (URLClassLoader withoutFlink = new WithoutFlink(testClassPath())) {
            assertThatThrownBy(() -> Class.forName("org.laborwatch.connectors.kafka.RuleSetRecords", true,
                    withoutFlink)).isInstanceOf(NoClassDefFoundError.class).hasMessageContaining("org/apache/flink");
        }
    }

    /** {@code start} and every laborwatch class its bytecode names, and theirs, and so on. */
    private static Set<String> laborwatchClassesReachableFrom(String start) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (!seen.add(next)) {
                continue;
            }
            Matcher m = LABORWATCH_CLASS.matcher(bytecode(next));
            while (m.find()) {
                todo.push(m.group().replace('/', '.'));
            }
        }
        return seen;
    }

    /** The class file as Latin-1 text: the constant pool's names and descriptors read as they are. */
    private static String bytecode(String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = FlinkFreeApiTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL[] testClassPath() throws MalformedURLException {
        // Surefire may start the tests from a manifest-only jar; it names the real class path here.
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String[] entries = path.split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = new File(entries[i]).toURI().toURL();
        }
        return urls;
    }

    /** The test class path with Flink's packages unloadable, as on a class path without Flink's jars. */
    private static final class WithoutFlink extends URLClassLoader {
        WithoutFlink(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(FLINK)) {
                throw new ClassNotFoundException(name + " (hidden: no Flink on this class path)");
            }
            return super.loadClass(name, resolve);
        }
    }
}
