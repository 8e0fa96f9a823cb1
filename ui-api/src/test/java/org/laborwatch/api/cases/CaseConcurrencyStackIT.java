package org.laborwatch.api.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.CaseDriver;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Many people changing one case at once: every change is either applied or answered 409/412 with the case as it is,
 * and none that was answered 200 is missing afterwards.
 */
@MicronautTest
class CaseConcurrencyStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("case-concurrency");
    private CaseDriver cases;
    private String id;

    CaseConcurrencyStackIT() {
        super(STACK);
    }

    @BeforeAll
    void openAcceptedCase() throws Exception {
        cases = new CaseDriver(STACK, api);
        cases.produce(alert("c-1", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.ORANGE, 66, day(5),
                Agency.HRSS, Agency.UNION));
        id = cases.awaitCases(BUILDER, 1).get(0).get("id").asText();
        assertThat(cases.move("hrss-lead", id, "DISPATCHED", "分派").status()).isEqualTo(200);
        assertThat(cases.move("hrss-handler", id, "ACCEPTED", "受理").status()).isEqualTo(200);
        for (String user : List.of("hrss-handler", "union-handler", "hrss-lead", "union-lead")) {
            api.token(user);
        }
    }

    @Test
    void shouldApplyOrRefuseEveryConcurrentChangeAndLoseNone() throws Exception {
        List<Callable<String>> work = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String user = List.of("hrss-handler", "union-handler", "hrss-lead", "union-lead").get(i % 4);
            int n = i;
            work.add(() -> "note " + cases.note(user, id, "并发记录 " + n).status() + " " + n);
        }
        for (int i = 0; i < 6; i++) {
            work.add(() -> "move " + cases.move("hrss-handler", id, "IN_PROGRESS", "开始办理").status());
        }
        List<String> results = runAll(work);

        List<String> notesApplied = results.stream().filter(r -> r.startsWith("note 200")).toList();
        assertThat(results).allMatch(r -> r.matches("(note|move) (200|409).*"));
        assertThat(results.stream().filter(r -> r.equals("move 200"))).hasSize(1);
        JsonNode c = cases.get("analyst", id).json().get("case");
        assertThat(c.get("state").asText()).isEqualTo("IN_PROGRESS");
        List<String> stored = new ArrayList<>();
        c.get("notes").forEach(n -> stored.add(n.get("text").asText()));
        stored.removeIf(text -> !text.startsWith("并发记录")); // the other test's note
        assertThat(stored).hasSize(notesApplied.size()).doesNotHaveDuplicates();
        for (String applied : notesApplied) {
            assertThat(stored).contains("并发记录 " + applied.substring(applied.lastIndexOf(' ') + 1));
        }
    }

    @Test
    void shouldApplyOnlyOneOfManyChangesMadeOnTheSameVersion() throws Exception {
        String etag = cases.get("hrss-handler", id).raw().headers().firstValue("ETag").orElseThrow();
        int notesBefore = cases.get("analyst", id).json().get("case").get("notes").size();
        List<Callable<String>> work = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            work.add(() -> Integer.toString(api.send(api.request("/api/cases/" + id + "/notes",
                            api.token("hrss-handler")).header("Content-Type", "application/json")
                    .header("If-Match", etag).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"text\":\"同一版本 " + n + "\"}")).build()).status()));
        }
        List<String> results = runAll(work);

        assertThat(results.stream().filter("200"::equals)).hasSize(1);
        assertThat(results.stream().filter("412"::equals)).hasSize(7);
        assertThat(cases.get("analyst", id).json().get("case").get("notes")).hasSize(notesBefore + 1);
    }

    private static List<String> runAll(List<Callable<String>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
