package org.laborwatch.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.CaseDriver;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Every transition of the workflow tried by every kind of user, on a case led by the court with the HRSS co-handling:
 * only those the table allows succeed; the others get 403 (they see the case), 404 (they do not), and nothing
 * changes. Reading follows the same line.
 */
@MicronautTest
class CasePermissionsStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("case-permissions");
    private static final String ENTERPRISE = "91370212MA3C8XTT4W";
    private static final String ID = ENTERPRISE + "-1";
    private static final List<String> USERS = List.of("court-handler", "court-lead", "hrss-handler", "hrss-lead",
            "union-handler", "union-lead", "analyst", "admin", "rule-author");
    private ElasticsearchClient es;
    private CaseDriver cases;

    CasePermissionsStackIT() {
        super(STACK);
    }

    @BeforeAll
    void setUp() {
        es = ApiStack.es();
        cases = new CaseDriver(STACK, api);
    }

    @AfterAll
    void close() throws Exception {
        es._transport().close();
    }

    @Test
    void shouldLetOnlyTheRightPeopleMakeEachMove() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Workflow.Move move : Workflow.MOVES) {
            for (String user : USERS) {
                put(caseIn(move.from()));
                int expected = expected(move.who(), user);
                Api.Response r = cases.move(user, ID, body(move.to()));
                if (r.status() != expected) {
                    wrong.add(move.from() + "->" + move.to() + " by " + user + ": " + r.status() + " (expected "
                            + expected + ") " + r.body());
                }
                String state = cases.get("analyst", ID).json().get("case").get("state").asText();
                CaseState after = expected == 200 ? move.to() : move.from();
                if (!state.equals(after.name())) {
                    wrong.add(move.from() + "->" + move.to() + " by " + user + " left the case " + state);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldShowTheCaseOnlyToItsAgenciesAnalystsAndAdmins() throws Exception {
        put(caseIn(CaseState.IN_PROGRESS));
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String user : USERS) {
            seen.put(user, cases.get(user, ID).status());
        }
        Api.Response unionQueue = api.get("/api/cases", api.token("union-handler"));

        assertThat(seen).containsEntry("court-handler", 200).containsEntry("hrss-lead", 200)
                .containsEntry("analyst", 200).containsEntry("admin", 200).containsEntry("union-handler", 404)
                .containsEntry("union-lead", 404).containsEntry("rule-author", 403);
        assertThat(unionQueue.json().get("items")).isEmpty();
        assertThat(cases.note("union-lead", ID, "不相干").status()).isEqualTo(404);
        assertThat(cases.note("analyst", ID, "只读").status()).isEqualTo(403);
        assertThat(cases.note("hrss-handler", ID, "协办意见").status()).isEqualTo(200);
    }

    private static int expected(Workflow.Actor who, String user) {
        if (user.equals("rule-author")) {
            return 403;
        }
        if (user.startsWith("union-")) {
            return 404;
        }
        boolean lead = user.endsWith("-lead");
        boolean court = user.startsWith("court-");
        boolean allowed = switch (who) {
            case LEAD_OF_CASE_AGENCY -> lead && (court || user.startsWith("hrss-"));
            case LEAD_OF_LEAD_AGENCY -> lead && court;
            case STAFF_OF_LEAD_AGENCY -> court;
        };
        return allowed ? 200 : 403;
    }

    private static String body(CaseState to) {
        String outcome = to == CaseState.RESOLVED
                ? ",\"outcome\":{\"kind\":\"MEDIATED\",\"amountRecovered\":1000,\"workersHelped\":2}" : "";
        // Dispatching names the court again, so whoever dispatches, the court stays the lead.
        String lead = to == CaseState.DISPATCHED ? ",\"leadAgency\":\"COURT\"" : "";
        return "{\"to\":\"" + to + "\",\"comment\":\"按流程办理\"" + outcome + lead + "}";
    }

    private static Case caseIn(CaseState state) {
        Instant now = Instant.now();
        boolean accepted = state != CaseState.OPEN && state != CaseState.DISPATCHED;
        boolean resolved = state == CaseState.RESOLVED || state == CaseState.CLOSED;
        return new Case(ID, ENTERPRISE, "青岛某某电子有限公司", "崂山区", "制造业", RiskLevel.ORANGE, 2, state,
                Agency.COURT, List.of(Agency.COURT, Agency.HRSS), CaseOrigin.ALERT, null, List.of("p-1"), now,
                "system", now.plus(Duration.ofHours(24)), now.plus(Duration.ofDays(15)), null, null,
                accepted ? now : null, resolved ? now : null, state == CaseState.CLOSED ? now : null, List.of(),
                List.of(), List.of(), List.of(), List.of(),
                resolved ? new Outcome(OutcomeKind.MEDIATED, null, 1, 0, null) : null, resolved ? 1 : 0, true,
                List.of(), now, null, null);
    }

    private void put(Case c) throws Exception {
        es.index(i -> i.index(STACK.casesIndex()).id(c.id()).refresh(Refresh.True).document(c));
    }
}
