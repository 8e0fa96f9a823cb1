package org.laborwatch.api.docs;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Clock;
import java.time.Duration;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.HOTEL;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.complaint;
import static org.laborwatch.api.support.Fixtures.day;
import static org.laborwatch.api.support.Fixtures.risk;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.CaseDriver;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Runs every shell example of docs/api.md, in order, in one bash session against the service: the guide's curl
 * lines work as written. Only the two lines a reader fills in (the demo's password and the address) are set here.
 */
@MicronautTest
class ApiGuideStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("guide");
    private static final Path GUIDE = Path.of("..", "docs", "api.md");
    private static final Pattern SHELL = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);

    ApiGuideStackIT() {
        super(STACK);
    }

    @BeforeAll
    void indexData() throws Exception {
        // On lw.alerts as the engine writes them (they open the cases) and in Elasticsearch as the index job does.
        CaseDriver cases = new CaseDriver(STACK, api);
        cases.produce(
                alert("g-1", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.RED, 88, day(100),
                        Agency.values()), // any RED goes to all five (DESIGN.md routing)
                alert("g-2", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.ORANGE, 62, day(101),
                        Agency.values()),
                alert("g-3", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.RED, 90, day(102),
                        Agency.COURT));
        STACK.indexRisk(List.of(risk(BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", 90, day(102)),
                risk(HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", 62, day(101))));
        STACK.indexSignals(List.of(complaint("c-1", BUILDER, day(99), "P123456")));
        // The demo publishes the bundled library once its live job runs; here no job runs, so no verdict comes.
        try (var es = new ClosingClient(ApiStack.es())) {
            new Publications(ApiStack.kafka(), STACK.rulesTopic(), STACK.ruleEventsTopic(),
                    () -> new RuleSetHistory(es.client(), STACK.rulesetsIndex(), STACK.rulePublicationsIndex()),
                    ApiStack.ZONE, Clock.systemUTC())
                    .publish(RuleSets.bundled(), "city", "demo", RuleSetHistory.Action.PUBLISH, "演示: 规则库",
                            Duration.ZERO);
        }
        api.token("admin"); // the demo users exist
        cases.awaitAlerts(cases.awaitCases(BUILDER, 1).get(0).get("id").asText(), 2);
        cases.awaitCases(HOTEL, 1);
    }

    @Test
    void shouldRunEveryShellExampleOfTheGuideAsWritten() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher m = SHELL.matcher(guide);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSizeGreaterThan(8);
        // The ERR trap names the failing line first: the whole output is long and reports cut it.
        String script = "set -Eeuo pipefail\ntrap 'echo \"FAILED (exit $?): $BASH_COMMAND\" >&2' ERR\n" + String.join("\n", blocks)
                .replace("export LW_DEMO_PASSWORD='the password the demo printed'",
                        "export LW_DEMO_PASSWORD='" + ApiStack.DEMO_PASSWORD + "'")
                .replace("API=http://127.0.0.1:8080", "API=" + server.getURI());
        assertThat(script).contains(ApiStack.DEMO_PASSWORD).contains("API=" + server.getURI());

        // In a directory of its own: the guide downloads letters into the current directory.
        Path work = Files.createTempDirectory("api-guide");
        Process bash = new ProcessBuilder("bash", "-c", script).directory(work.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(bash.exitValue()).as(failure(output)).isZero();
        assertThat(output).contains("青岛某某建筑有限公司").contains("\"acknowledgements\"").contains("heartbeat")
                .contains("\"state\":\"CLOSED\"").contains("\"amountRecovered\":1280000")
                .contains("工会劳动法律监督提示函").contains("'import java.io.File' is not allowed")
                .contains("\"verdict\":\"NO_REPORT\"").contains("\"kind\":\"SCENARIOS\"");
        try (var files = Files.list(work)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.startsWith("letter-")
                    && f.endsWith(".docx"));
        }
        assertThat(output).contains("\"ticket\"").doesNotContain("\"status\":500").doesNotContain("Internal Server Error");
    }

    /** An Elasticsearch client closed after use. */
    private record ClosingClient(ElasticsearchClient client) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            client._transport().close();
        }
    }

    private static String failure(String output) {
        int failed = output.lastIndexOf("FAILED (exit");
        String tail = output.substring(Math.max(0, output.length() - 2000));
        return (failed < 0 ? "" : output.substring(failed).lines().findFirst().orElse("") + "\n") + "...\n" + tail;
    }
}
