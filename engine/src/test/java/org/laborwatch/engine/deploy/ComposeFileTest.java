package org.laborwatch.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
                "index-taskmanager", "kafka-setup", "es-setup", "ui-api");
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

    /** Only the service is reachable from other hosts; Flink's UI, REST API and metrics from this host only. */
    @Test
    void shouldPublishOnlyTheServiceBeyondThisHost() {
        Map<String, List<String>> published = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                assertThat(port).as(name + " publishes a port in the short syntax").isInstanceOf(String.class);
                published.computeIfAbsent(name, n -> new ArrayList<>()).add((String) port);
            }
        });
        published.forEach((name, ports) -> {
            for (String port : ports) {
                if (!name.equals("ui-api")) {
                    assertThat(port).as(name + " publishes " + port + " on loopback only").startsWith("127.0.0.1:")
                            .matches("127\\.0\\.0\\.1:\\d+:\\d+");
                }
            }
        });
        assertThat(published).containsEntry("ui-api", List.of("8080:8080"))
                .containsEntry("jobmanager", List.of("127.0.0.1:8081:8081", "127.0.0.1:9249:9249"))
                .doesNotContainKeys("kafka", "elasticsearch", "taskmanager", "index-taskmanager");
        assertThat(services.values()).allSatisfy(s -> assertThat(s).doesNotContainKeys("network_mode", "expose"));
    }

    /** The JobManagers run the jobs they were started with and take no others, nor cancellations, from the web. */
    @Test
    void shouldTakeNoJobsThroughFlinksWebUi() {
        for (String jobManager : List.of("jobmanager", "index-jobmanager")) {
            String properties = (String) map(services.get(jobManager).get("environment"))
                    .get("FLINK_PROPERTIES");
            assertThat(properties.lines()).as(jobManager).contains("web.submit.enable: false",
                    "web.cancel.enable: false");
        }
    }

    @Test
    void shouldRunElasticsearchWithSecurityOnAndThePasswordFromASecret() {
        Map<String, Object> es = services.get("elasticsearch");
        Map<String, Object> env = map(es.get("environment"));
        assertThat(env.get("xpack.security.enabled")).isEqualTo("true");
        assertThat(env).doesNotContainKey("ELASTIC_PASSWORD");
        assertThat(env.get("ELASTIC_PASSWORD_FILE")).isEqualTo("/run/secrets/elastic_password");
        assertThat(strings(es.get("secrets"))).contains("elastic_password");
        assertThat(es.get("healthcheck")).asString().contains("/run/secrets/elastic_password").doesNotContain("-u ");
    }

    /**
     * Every secret comes from a file under docker/secrets/ that git ignores and none is committed; a variable that
     * names a password, key, token or secret holds a path to a mounted secret, never the value.
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldKeepEverySecretOutOfTheFileAndTheRepository() throws Exception {
        Map<String, Map<String, Object>> secrets = (Map<String, Map<String, Object>>) compose.get("secrets");
        assertThat(secrets).isNotEmpty();
        secrets.forEach((name, secret) -> assertThat((String) secret.get("file")).as("secret " + name)
                .startsWith("./secrets/"));
        Pattern secretive = Pattern.compile("(?i).*(PASSWORD|SECRET|API_KEY|TOKEN|CREDENTIAL).*");
        services.forEach((name, service) -> {
            Map<String, Object> env = map(service.get("environment"));
            List<String> granted = strings(service.get("secrets"));
            env.forEach((key, value) -> {
                if (secretive.matcher(key).matches()) {
                    assertThat(key).as(name + " " + key).endsWith("_FILE");
                    String path = (String) value;
                    assertThat(path).as(name + " " + key).startsWith("/run/secrets/");
                    assertThat(granted).as(name + " mounts the secret " + key + " names")
                            .contains(path.substring("/run/secrets/".length()));
                }
            });
            assertThat(granted).as(name + " uses declared secrets").allMatch(secrets::containsKey);
        });
        String dockerIgnore = Files.readString(DOCKER.resolveSibling(".dockerignore"), StandardCharsets.UTF_8);
        assertThat(dockerIgnore.lines()).as("secrets never enter an image build").contains("docker/secrets");

        Path repository = DOCKER.getParent();
        List<String> committed = git(repository, "ls-files", "docker/secrets");
        assumeTrue(committed != null, "git is not available here");
        assertThat(committed).as("committed under docker/secrets").allMatch("docker/secrets/README.md"::equals);
        for (Map<String, Object> secret : secrets.values()) {
            String file = "docker/" + ((String) secret.get("file")).substring(2);
            assertThat(git(repository, "check-ignore", file)).as(file + " is ignored by git").containsExactly(file);
        }
    }

    /**
     * One Elasticsearch user per client, each with a role on laborwatch's indices only: the index job writes, the
     * service reads (and keeps its own indices); the engine job, which talks to Kafka only, has none.
     */
    @Test
    void shouldGiveEachElasticsearchClientItsOwnLeastPrivilegedUser() throws IOException {
        Map<String, String> userOf = Map.of("index-jobmanager", "laborwatch_index", "ui-api", "laborwatch_api");
        String setup = Files.readString(DOCKER.resolve("setup/es-setup.sh"), StandardCharsets.UTF_8);
        userOf.forEach((service, user) -> {
            Map<String, Object> env = map(services.get(service).get("environment"));
            assertThat(env.get("LW_ES_USERNAME")).as(service).isEqualTo(user);
            assertThat(setup).contains("user " + user + " " + user + " ");
        });
        for (String service : List.of("jobmanager", "taskmanager", "index-taskmanager", "kafka")) {
            Map<String, Object> env = map(services.get(service).get("environment"));
            assertThat(env.keySet()).as(service).noneMatch(k -> k.startsWith("LW_ES_"));
            assertThat(services.get(service)).as(service).doesNotContainKey("secrets");
        }
        ObjectMapper json = new ObjectMapper();
        for (String role : userOf.values()) {
            var descriptor = json.readTree(DOCKER.resolve("setup/roles/" + role + ".json").toFile());
            // At most cluster health, which the service's readiness check reads.
            assertThat(descriptor.get("cluster")).as(role + " cluster privileges")
                    .allSatisfy(p -> assertThat(p.asText()).isEqualTo("monitor"));
            assertThat(descriptor.get("indices")).as(role).isNotEmpty().allSatisfy(entry -> {
                assertThat(entry.get("names")).allSatisfy(n -> assertThat(n.asText()).startsWith("lw-"));
                assertThat(entry.get("privileges")).allSatisfy(p -> assertThat(p.asText())
                        .isIn("read", "view_index_metadata", "create_doc", "index", "auto_configure"));
            });
        }
    }

    @Test
    void shouldRunTheServiceInProductionModeWithItsSecretsFromFiles() throws IOException {
        Map<String, Object> api = services.get("ui-api");
        Map<String, Object> env = map(api.get("environment"));
        assertThat(env.get("LW_ENV")).isEqualTo("prod");
        assertThat(env.get("LW_JWT_SECRET_FILE")).isEqualTo("/run/secrets/jwt_secret");
        assertThat(env).doesNotContainKey("LW_JWT_SECRET").containsEntry("LW_KAFKA_BOOTSTRAP", "kafka:9092")
                .containsEntry("LW_ES_URL", "http://elasticsearch:9200").containsEntry("LW_API_PORT", "8080");
        assertThat(api.get("healthcheck")).asString().contains("/health");
        String dockerfile = Files.readString(DOCKER.resolve("api/Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).contains("org.laborwatch.api.Application", "ui-api/target/lib/",
                "ui-api/target/laborwatch-ui-api-", "USER laborwatch");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object node) {
        return node == null ? List.of() : (List<String>) node;
    }

    /** {@code git args} in the repository, its output lines; null when git cannot run here. */
    private static List<String> git(Path repository, String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            int exit = p.waitFor();
            if (exit > 1) { // 1: check-ignore found nothing ignored; more: not a repository, no git
                return null;
            }
            return lines;
        } catch (IOException e) {
            return null;
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
