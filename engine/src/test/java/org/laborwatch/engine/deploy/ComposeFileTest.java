package org.laborwatch.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.stack.IndexJob;
import org.laborwatch.engine.stack.StackJob;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The production compose file, checked for what {@code docker compose config} would refuse and for what would only
 * fail at deploy time. {@code docker compose config} loads the file with compose-go: it resolves YAML merge keys,
 * interpolates variables, validates the result against the Compose Specification's JSON schema, then checks
 * references between services. This test does the same steps with the schema compose-go embeds
 * ({@code compose/compose-spec.json}, copied unchanged from compose-spec/compose-go {@code schema/compose-spec.json}
 * at commit e70e961c, v2.13; Apache-2.0), plus what only fails at deploy time: files it mounts or builds from, the
 * job class it starts, and versions that must match the ones the project builds and tests with.
 * {@code ./laborwatch test} also runs {@code docker compose config} itself where the compose plugin is installed.
 */
class ComposeFileTest {
    private static final Path DOCKER = Path.of("").toAbsolutePath().getParent().resolve("docker");
    private static final Set<String> TOP_LEVEL = Set.of("name", "services", "volumes", "networks", "configs",
            "secrets");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
            "service_completed_successfully");
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        String text = Files.readString(DOCKER.resolve("compose.yaml"), StandardCharsets.UTF_8);
        compose = (Map<String, Object>) merged(new Load(LoadSettings.builder().build()).loadFromString(text));
        services = (Map<String, Map<String, Object>>) (Map<?, ?>) compose.get("services");
    }

    @Test
    void shouldMatchTheComposeSpecificationSchema() {
        assertThat(schemaErrors(compose)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCatchWhatTheSchemaForbids() {
        // The check above must be able to fail: a misspelt key, a wrong type and an unknown condition.
        Map<String, Object> broken = (Map<String, Object>) merged(compose);
        Map<String, Object> kafka = new LinkedHashMap<>(services.get("kafka"));
        kafka.put("enviroment", Map.of("A", "1"));
        kafka.put("restart", List.of("always"));
        Map<String, Object> brokenServices = new LinkedHashMap<>(services);
        brokenServices.put("kafka", kafka);
        broken.put("services", brokenServices);
        assertThat(schemaErrors(broken)).anyMatch(e -> e.contains("enviroment")).anyMatch(e -> e.contains("restart"));
    }

    @Test
    void shouldInterpolateOnlyVariablesWithDefaults() throws IOException {
        // No .env file ships beside the compose file, so every ${VAR} needs a default for `config` to resolve it
        // the same way on every host; "$$" is a literal dollar.
        String text = Files.readString(DOCKER.resolve("compose.yaml"), StandardCharsets.UTF_8).replace("$$", "");
        Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)([^}]*)}?").matcher(text);
        while (m.find()) {
            assertThat(m.group(0)).as("variable %s", m.group(1)).startsWith("${").matches(".*:?-.*}");
        }
    }

    @Test
    void shouldUseOnlyComposeTopLevelKeys() {
        assertThat(compose.keySet()).allSatisfy(k -> assertThat(TOP_LEVEL.contains(k) || k.startsWith("x-"))
                .as("top-level key %s", k).isTrue());
        assertThat(services).containsKeys("kafka", "elasticsearch", "jobmanager", "taskmanager", "index-jobmanager",
                "index-taskmanager", "kafka-setup", "es-setup");
    }

    @Test
    void shouldBuildOrPullEveryServiceFromSomethingThatExists() {
        services.forEach((name, service) -> {
            assertThat(service.containsKey("image") || service.containsKey("build")).as(name).isTrue();
            if (service.get("build") instanceof Map<?, ?> build) {
                Path context = DOCKER.resolve((String) build.get("context")).normalize();
                assertThat(context).as(name + " build context").isDirectory();
                assertThat(context.resolve((String) build.get("dockerfile"))).as(name + " Dockerfile").isRegularFile();
            }
        });
    }

    @Test
    void shouldMountOnlyFilesThatExistAndVolumesThatAreDeclared() {
        @SuppressWarnings("unchecked")
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        services.forEach((name, service) -> {
            for (Object v : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = ((String) v).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(DOCKER.resolve(source).normalize()).as(name + " mounts " + source).exists();
                } else {
                    assertThat(declared).as(name + " uses volume " + source).contains(source);
                }
            }
        });
    }

    /** The live job reads the checkout's config/laborwatch.properties, the file the command line reads too. */
    @Test
    void shouldGiveTheEngineJobTheCheckoutsConfiguration() throws IOException {
        Map<String, Object> job = services.get("jobmanager");
        String command = (String) job.get("command");
        Matcher config = Pattern.compile("--config (\\S+)").matcher(command);
        assertThat(config.find()).as("StackJob --config").isTrue();
        String file = config.group(1);
        String mount = ((List<?>) job.get("volumes")).stream().map(String.class::cast)
                .filter(v -> file.startsWith(v.split(":")[1] + "/")).findFirst().orElseThrow();
        Path mounted = DOCKER.resolve(mount.split(":")[0]).resolve(file.substring(mount.split(":")[1].length() + 1))
                .normalize();
        assertThat(mounted).isEqualTo(DOCKER.resolve("../config/laborwatch.properties").normalize());
        assertThat(EngineConfig.load(mounted)).isEqualTo(EngineConfig.bundled());
    }

    @Test
    void shouldDependOnlyOnServicesThatExistWithValidConditions() {
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            List<String> targets = new ArrayList<>();
            if (dependsOn instanceof List<?> list) {
                list.forEach(t -> targets.add((String) t));
            } else if (dependsOn instanceof Map<?, ?> map) {
                map.forEach((t, spec) -> {
                    targets.add((String) t);
                    assertThat(CONDITIONS).as(name + " waits for " + t)
                            .contains((String) ((Map<?, ?>) spec).get("condition"));
                });
            }
            assertThat(services.keySet()).as(name + " depends on").containsAll(targets);
        });
    }

    @Test
    void shouldStartTheJobClassesThatTheJarContains() throws Exception {
        Map<String, Class<?>> expected = Map.of("jobmanager", StackJob.class, "index-jobmanager", IndexJob.class);
        for (Map.Entry<String, Class<?>> e : expected.entrySet()) {
            String command = (String) services.get(e.getKey()).get("command");
            Matcher m = Pattern.compile("--job-classname (\\S+)").matcher(command);
            assertThat(m.find()).as(e.getKey() + " runs a job class").isTrue();
            Class<?> job = Class.forName(m.group(1));
            assertThat(job).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(job.getMethod("main", String[].class)).isNotNull();
            assertThat(command).contains("--kafka kafka:9092", "--job-name laborwatch");
        }
        assertThat((String) services.get("index-jobmanager").get("command")).contains("--es http://elasticsearch:9200");
    }

    @Test
    void shouldRunTheVersionsTheProjectIsBuiltAndTestedWith() throws IOException {
        String stack = Files.readString(DOCKER.resolveSibling("stack/stack.sh"), StandardCharsets.UTF_8);
        String dockerfile = Files.readString(DOCKER.resolve("job/Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).contains("FROM flink:" + EnvironmentInformation.getVersion() + "-");
        assertThat((String) services.get("kafka").get("image")).isEqualTo("apache/kafka:" + value(stack,
                "KAFKA_VERSION"));
        assertThat((String) services.get("elasticsearch").get("image"))
                .endsWith("/elasticsearch:" + value(stack, "ES_VERSION"));
    }

    @Test
    void shouldGiveFlinkWellFormedPropertiesAndTheCheckpointVolume() {
        Map<String, String> jobManagerOf = Map.of("jobmanager", "jobmanager", "taskmanager", "jobmanager",
                "index-jobmanager", "index-jobmanager", "index-taskmanager", "index-jobmanager");
        for (String flink : jobManagerOf.keySet()) {
            Map<?, ?> env = (Map<?, ?>) services.get(flink).get("environment");
            String properties = (String) env.get("FLINK_PROPERTIES");
            assertThat(properties.lines()).as(flink).allMatch(l -> l.matches("[a-z][A-Za-z0-9.\\-]*: \\S.*"));
            assertThat(properties).as(flink).contains("jobmanager.rpc.address: " + jobManagerOf.get(flink),
                    "execution.checkpointing.dir: file:///checkpoints");
            assertThat(services.get(flink).get("volumes")).asString().contains("checkpoints:/checkpoints");
        }
    }

    private static List<String> schemaErrors(Map<String, Object> file) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema = registry.getSchema(SchemaLocation.of("classpath:compose/compose-spec.json"));
        return schema.validate(new ObjectMapper().valueToTree(file)).stream().map(Object::toString).toList();
    }

    /** YAML 1.1 merge keys ({@code <<: *anchor}), which Compose applies and YAML 1.2 parsers leave as a key. */
    @SuppressWarnings("unchecked")
    private static Object merged(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new java.util.LinkedHashMap<>();
            if (map.get("<<") instanceof Map<?, ?> base) {
                ((Map<String, Object>) merged(base)).forEach(result::put);
            }
            map.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    result.put((String) k, merged(v));
                }
            });
            return result;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ComposeFileTest::merged).toList();
        }
        return node;
    }

    private static String value(String script, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(script);
        assertThat(m.find()).as(name + " in stack.sh").isTrue();
        return m.group(1);
    }
}
