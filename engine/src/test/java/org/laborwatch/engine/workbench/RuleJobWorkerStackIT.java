package org.laborwatch.engine.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker against the real stack, as the service uses it: jobs queued in an index, run, and their results read
 * back. Every index and topic is the test's own (named after the time it started), so a rerun sees no old jobs.
 */
class RuleJobWorkerStackIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Path SCENARIOS = Path.of("..", "rules", "library", "scenarios");
    private static final LocalDate START = LocalDate.of(2025, 3, 1);
    private static final String RUN = "it-" + System.currentTimeMillis();
    private static final Workbench.Places PLACES = new Workbench.Places("lw-rule-jobs-" + RUN,
            "lw-signals-" + RUN, "lw-rulesets-" + RUN, "lw-rule-publications-" + RUN, "lw.rules." + RUN,
            "lw.rules.events." + RUN);

    private static ElasticsearchEndpoint elasticsearch;
    private static ElasticsearchClient es;
    private static Workbench workbench;

    @TempDir
    static Path dir;
    private static final Path WINTER = Path.of("..", "rules", "examples", "campaigns", "winter-wage-campaign");

    @BeforeAll
    static void openTheWorkbench() throws Exception {
        elasticsearch = ElasticsearchEndpoint.fromEnvironment(required("LW_ES_URL"));
        es = elasticsearch.client();
        createTopics();
        workbench = Workbench.open(new Workbench.Options(required("LW_KAFKA_BOOTSTRAP"), elasticsearch, PLACES,
                RiskConfig.defaults(), SignalCodec.defaults(), Duration.ZERO, 2, Duration.ofMillis(200),
                Clock.systemUTC()));
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
        if (es != null) {
            es._transport().close();
        }
    }

    @Test
    void shouldPassTheLibraryScenariosWhenTheWorkerRunsOnItsThread() throws Exception {
        String id = jobs().queue(request(RuleJobs.Kind.SCENARIOS, RuleSets.bundled().sources(), libraryScenarios()));

        Thread thread = workbench.worker().start();
        RuleJobs.Job job;
        try {
            job = awaitEnd(id);
        } finally {
            workbench.worker().stop();
            thread.join(Duration.ofMinutes(2).toMillis());
        }

        assertThat(job.state()).as(job.error()).isEqualTo(RuleJobs.State.DONE);
        assertThat(job.result().passed()).isTrue();
        assertThat(job.result().scenarios()).hasSize(49).allMatch(RuleJobs.ScenarioVerdict::passed);
        assertThat(job.result().summary()).isEqualTo("49 scenarios, 49 passed, 0 failed");
        assertThat(job.result().version()).startsWith("upload-");
    }

    @Test
    void shouldSayWhatDiffersWhenAScenarioExpectsAnotherLevel() throws Exception {
        Map<String, String> scenarios = new TreeMap<>(libraryScenarios());
        String arrears = scenarios.get("arrears.yaml");
        assertThat(arrears).contains("level: BLUE              # 30 分");
        scenarios.put("arrears.yaml", arrears.replaceFirst("level: BLUE {14}# 30 分", "level: RED"));

        RuleJobs.Job job = run(request(RuleJobs.Kind.SCENARIOS, RuleSets.bundled().sources(), scenarios));

        assertThat(job.state()).isEqualTo(RuleJobs.State.DONE);
        assertThat(job.result().passed()).isFalse();
        assertThat(job.result().summary()).isEqualTo("49 scenarios, 48 passed, 1 failed");
        RuleJobs.ScenarioVerdict failed = job.result().scenarios().stream().filter(v -> !v.passed()).findFirst()
                .orElseThrow();
        assertThat(failed.title()).contains("欠薪三个月");
        assertThat(failed.report()).startsWith("FAILED").contains("expected RED").contains("BLUE");
    }

    @Test
    void shouldReportTheProblemWhenARuleImportsWhatRulesMayNotUse() throws Exception {
        String hostile = """
                package org.laborwatch.rules;
                import java.io.File;
                """;

        RuleJobs.Job job = run(request(RuleJobs.Kind.SCENARIOS, Map.of("hostile.drl", hostile),
                libraryScenarios()));

        assertThat(job.state()).isEqualTo(RuleJobs.State.DONE);
        assertThat(job.result().passed()).isFalse();
        assertThat(job.result().problems()).anySatisfy(p -> assertThat(p).startsWith("hostile.drl:2:1: "));
        assertThat(job.result().scenarios()).isEmpty();
    }

    @Test
    void shouldFailTheJobWhenAScenarioNameIsAPath() throws Exception {
        RuleJobs.Job job = run(request(RuleJobs.Kind.SCENARIOS, RuleSets.bundled().sources(),
                Map.of("../escape.yaml", "scenarios: []")));

        assertThat(job.state()).isEqualTo(RuleJobs.State.FAILED);
        assertThat(job.error()).contains("../escape.yaml");
    }

    @Test
    void shouldBacktestTheArchivedSignalsOfTheDaysAsked() throws Exception {
        archive(new SampleGenerator(new SampleGenerator.Options(60, 90, 5, START, 1, ZONE)).writeTo(dir.resolve("city"))
                .files());
        RuleJobs.Request request = new RuleJobs.Request(RuleJobs.Kind.BACKTEST, "it", RuleSets.bundled().sources(),
                null, null, null, START, START.plusDays(89), null);

        RuleJobs.Job job = run(request);

        assertThat(job.state()).as(job.error()).isEqualTo(RuleJobs.State.DONE);
        assertThat(job.result().passed()).isTrue();
        assertThat(job.result().summary()).contains("alerts").contains("ORANGE+");
        assertThat(job.result().reportMarkdown()).contains("预警");
        assertThat(job.result().reportHtml()).contains("预警").doesNotContain("src=\"http");
    }

    @Test
    void shouldCompareWithAVersionFromTheHistoryWhenAsked() throws Exception {
        archive(new SampleGenerator(new SampleGenerator.Options(40, 60, 6, START, 1, ZONE)).writeTo(dir.resolve("other"))
                .files());
        RuleSet published = RuleSets.fromFiles("history", RuleSets.bundled().sources());
        try (var history = new RuleSetHistory(es, PLACES.versions(), PLACES.publications())) {
            history.record(published, new RuleSetHistory.Publication("city", published.version(),
                    RuleSetHistory.Action.PUBLISH, "it", Instant.now(), 0, null));
        }
        RuleJobs.Request request = new RuleJobs.Request(RuleJobs.Kind.BACKTEST, "it", RuleSets.bundled().sources(),
                null, null, null, START, START.plusDays(59), published.version());

        RuleJobs.Job job = run(request);

        assertThat(job.state()).as(job.error()).isEqualTo(RuleJobs.State.DONE);
        assertThat(job.result().summary()).contains("against " + published.version())
                .contains("0 newly flagged at ORANGE+, 0 no longer");
        assertThat(job.result().reportMarkdown()).contains(published.version());
    }

    @Test
    void shouldBacktestWithAPublishedCampaignInForce() throws Exception {
        archive(new SampleGenerator(new SampleGenerator.Options(200, 60, 7, START, 1, ZONE))
                .writeTo(dir.resolve("winter")).files());
        Map<String, String> sources = new TreeMap<>(RuleSets.fromDirectory(WINTER, null).sources());
        sources.put(Campaign.FILE, "name: it-winter\nfrom: " + START + "\nuntil: " + START.plusDays(59) + "\n");
        RuleSet winter = RuleSets.fromFiles("it-winter", sources);
        Map<String, String> plainSources = new TreeMap<>(RuleSets.bundled().sources());
        // Content of its own: the history keys versions by content, and the publish test records the library's.
        plainSources.computeIfPresent("arrears.drl", (file, text) -> text + "\n// a base rule set, not a campaign\n");
        RuleSet plain = RuleSets.fromFiles("plain", plainSources);
        try (var history = new RuleSetHistory(es, PLACES.versions(), PLACES.publications())) {
            for (RuleSet published : List.of(winter, plain)) {
                String name = published == winter ? "it-winter" : "it-plain"; // not city@0: the publish test's
                history.record(published, new RuleSetHistory.Publication(name, published.version(),
                        RuleSetHistory.Action.PUBLISH, "it", Instant.now(), 0, null));
            }
        }

        RuleJobs.Job job = run(new RuleJobs.Request(RuleJobs.Kind.BACKTEST, "it", RuleSets.bundled().sources(), null,
                null, null, START, START.plusDays(59), null, List.of(winter.version())));
        RuleJobs.Job notACampaign = run(new RuleJobs.Request(RuleJobs.Kind.BACKTEST, "it", RuleSets.bundled().sources(),
                null, null, null, START, START.plusDays(59), null, List.of(plain.version())));

        assertThat(job.state()).as(job.error()).isEqualTo(RuleJobs.State.DONE);
        // Every day replayed is a campaign day, so the campaign raised every alert.
        Matcher counts = Pattern.compile("(?s): ([\\d,]+) alerts.*with campaign " + Pattern.quote(winter.version())
                + " \\(.*\\): ([\\d,]+) of ").matcher(job.result().summary());
        assertThat(counts.find()).as(job.result().summary()).isTrue();
        assertThat(counts.group(2)).isEqualTo(counts.group(1)).isNotEqualTo("0");
        assertThat(notACampaign.state()).isEqualTo(RuleJobs.State.FAILED);
        assertThat(notACampaign.error()).contains(plain.version() + " is not a seasonal campaign");
    }

    @Test
    void shouldFailABacktestAgainstAVersionTheHistoryHasNot() throws Exception {
        RuleJobs.Request request = new RuleJobs.Request(RuleJobs.Kind.BACKTEST, "it", RuleSets.bundled().sources(),
                null, null, null, START, START.plusDays(6), "library-0000000000");

        RuleJobs.Job job = run(request);

        assertThat(job.state()).isEqualTo(RuleJobs.State.FAILED);
        assertThat(job.error()).contains("library-0000000000");
    }

    @Test
    void shouldFailABacktestOfDaysWithoutArchivedSignals() throws Exception {
        LocalDate before = START.minusYears(3);
        RuleJobs.Request request = new RuleJobs.Request(RuleJobs.Kind.BACKTEST, "it", RuleSets.bundled().sources(),
                null, null, null, before, before.plusDays(6), null);
        archive(List.of()); // the index exists: what is missing is signals of those days

        RuleJobs.Job job = run(request);

        assertThat(job.state()).isEqualTo(RuleJobs.State.FAILED);
        assertThat(job.error()).startsWith("no archived signals from " + before + " to " + before.plusDays(6));
    }

    @Test
    void shouldPublishAndRecordWhenEveryScenarioPasses() throws Exception {
        RuleJobs.Request request = new RuleJobs.Request(RuleJobs.Kind.PUBLISH, "wang.li", RuleSets.bundled().sources(),
                libraryScenarios(), null, "the library as it is", null, null, null);

        RuleJobs.Job job = run(request);

        assertThat(job.state()).as(job.error()).isEqualTo(RuleJobs.State.DONE);
        assertThat(job.result().passed()).isTrue();
        assertThat(job.result().verdict()).isEqualTo(Publications.NO_REPORT);
        assertThat(job.result().offset()).isNotNull();
        try (var history = new RuleSetHistory(es, PLACES.versions(), PLACES.publications())) {
            assertThat(history.publications(10)).anySatisfy(p -> {
                assertThat(p.version()).isEqualTo(job.result().version());
                assertThat(p.name()).isEqualTo("city");
                assertThat(p.by()).isEqualTo("wang.li");
                assertThat(p.offset()).isEqualTo(job.result().offset());
            });
            assertThat(history.version(job.result().version())).isPresent();
        }
    }

    @Test
    void shouldPublishNothingWhenAScenarioFails() throws Exception {
        Map<String, String> scenarios = new TreeMap<>(libraryScenarios());
        scenarios.put("arrears.yaml", scenarios.get("arrears.yaml").replaceFirst("level: BLUE {14}# 30 分",
                "level: RED"));
        RuleJobs.Request request = new RuleJobs.Request(RuleJobs.Kind.PUBLISH, "wang.li", RuleSets.bundled().sources(),
                scenarios, "not-published-" + RUN, null, null, null, null);

        RuleJobs.Job job = run(request);

        assertThat(job.state()).isEqualTo(RuleJobs.State.DONE);
        assertThat(job.result().passed()).isFalse();
        assertThat(job.result().offset()).isNull();
        assertThat(job.result().summary()).startsWith("not published");
        try (var history = new RuleSetHistory(es, PLACES.versions(), PLACES.publications())) {
            assertThat(history.publications(100)).noneMatch(p -> p.name().equals("not-published-" + RUN));
        }
    }

    /** Queues the request and runs the worker once, here: the oldest queued job is this test's (one at a time). */
    private static synchronized RuleJobs.Job run(RuleJobs.Request request) throws Exception {
        String id = jobs().queue(request);
        while (jobs().get(id).orElseThrow().state() == RuleJobs.State.QUEUED) {
            workbench.worker().runNext();
        }
        return awaitEnd(id);
    }

    private static RuleJobs.Job awaitEnd(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            RuleJobs.Job job = jobs().get(id).orElseThrow();
            if (job.state() == RuleJobs.State.DONE || job.state() == RuleJobs.State.FAILED) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not end within three minutes");
    }

    private static RuleJobs jobs() {
        return workbench.jobs();
    }

    private static RuleJobs.Request request(RuleJobs.Kind kind, Map<String, String> files,
                                            Map<String, String> scenarios) {
        return new RuleJobs.Request(kind, "it", files, scenarios, null, null, null, null, null);
    }

    private static Map<String, String> libraryScenarios() throws Exception {
        Map<String, String> scenarios = new TreeMap<>();
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                scenarios.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return scenarios;
    }

    /** Indexes the signals into the test's archive in the form the index job writes them, refreshed. */
    private static void archive(List<Path> files) throws Exception {
        SignalCodec codec = SignalCodec.defaults();
        StringBuilder bulk = new StringBuilder();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && codec.decode(line, "it") instanceof Decoded.Accepted a) {
                    bulk.append("{\"index\":{\"_id\":\"").append(Documents.signalId(a.signal())).append("\"}}\n")
                            .append(codec.encode(a.signal())).append('\n');
                }
            }
        }
        try (RestClient rest = elasticsearch.restClient()) {
            if (bulk.isEmpty()) {
                Request create = new Request("PUT", "/" + PLACES.signals());
                create.addParameter("ignore", "400");
                rest.performRequest(create);
                return;
            }
            Request request = new Request("POST", "/" + PLACES.signals() + "/_bulk");
            request.addParameter("refresh", "true");
            request.setJsonEntity(bulk.toString());
            String response = new String(rest.performRequest(request).getEntity().getContent().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(response).contains("\"errors\":false");
        }
    }

    private static void createTopics() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, required("LW_KAFKA_BOOTSTRAP"));
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(
                    new NewTopic(PLACES.rulesTopic(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(PLACES.eventsTopic(), 1, (short) 1))).all().get();
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this test with ./laborwatch test, which starts "
                    + "Kafka and Elasticsearch for it");
        }
        return value;
    }
}
