package org.laborwatch.api.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.HOTEL;
import static org.laborwatch.api.support.Fixtures.MAKER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.complaint;
import static org.laborwatch.api.support.Fixtures.consultation;
import static org.laborwatch.api.support.Fixtures.day;
import static org.laborwatch.api.support.Fixtures.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/** An enterprise's risk, history and signals; the search over enterprises; the programme's figures. */
@MicronautTest
class EnterpriseStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("enterprises");
    /** 建 and 筑 both in the name, but apart: a search for 建筑 must not find it. */
    static final String APART = CreditCode.withCheckCharacter("91370203MA3C8XTT4");

    EnterpriseStackIT() {
        super(STACK);
    }

    @BeforeAll
    void indexData() throws Exception {
        STACK.indexRisk(List.of(
                risk(BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", 88, day(5)),
                risk(MAKER, "青岛新德制造有限公司", "城阳区", "制造业", 45, day(4)),
                risk(HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", 62, day(3)),
                risk(APART, "青岛建设筑路服务有限公司", "李沧区", "建筑业", 21, day(2))));
        STACK.indexAlerts(List.of(
                alert("e-1", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.YELLOW, 48, day(1),
                        Agency.HRSS, Agency.UNION),
                alert("e-2", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.RED, 88, day(5),
                        Agency.COURT, Agency.HRSS),
                alert("e-3", HOTEL, "青岛海景酒店有限公司", "市南区", "住宿和餐饮业", RiskLevel.ORANGE, 62, day(3),
                        Agency.UNION)));
        STACK.indexSignals(List.of(
                complaint("c-1", BUILDER, day(1), "P123456"),
                complaint("c-2", BUILDER, day(2), "张三丰"),
                consultation("q-1", BUILDER, day(1)),
                consultation("q-2", MAKER, day(2)),
                consultation("q-3", MAKER, day(400))));
    }

    @Test
    void shouldFindAChineseNameByAWordInIt() {
        JsonNode found = api.get("/api/enterprises?q=" + enc("建筑"), api.token("analyst")).json();

        assertThat(codes(found)).containsExactly(BUILDER);
        assertThat(found.get("items").get(0).get("name").asText()).isEqualTo("青岛某某建筑有限公司");
        assertThat(found.get("items").get(0).get("topReason").asText()).contains("欠薪");
    }

    @Test
    void shouldSearchByLevelDistrictScoreAndSortByName() {
        String analyst = api.token("analyst");

        assertThat(codes(api.get("/api/enterprises", analyst).json()))
                .containsExactly(BUILDER, HOTEL, MAKER, APART);
        assertThat(codes(api.get("/api/enterprises?level=RED", analyst).json())).containsExactly(BUILDER);
        assertThat(codes(api.get("/api/enterprises?district=" + enc("李沧区") + "&sort=name", analyst).json()))
                .containsExactly(APART, BUILDER); // 建 (U+5EFA) sorts before 某 (U+67D0)
        assertThat(codes(api.get("/api/enterprises?minScore=40&maxScore=70", analyst).json()))
                .containsExactly(HOTEL, MAKER);
        JsonNode second = api.get("/api/enterprises?size=2&page=1", analyst).json();
        assertThat(codes(second)).containsExactly(MAKER, APART);
        assertThat(second.get("total").asLong()).isEqualTo(4);
    }

    @Test
    void shouldExplainAnEnterprisesRiskWithHistoryAndMaskedSignals() {
        JsonNode e = api.get("/api/enterprises/" + BUILDER, api.token("analyst")).json();

        assertThat(e.get("name").asText()).isEqualTo("青岛某某建筑有限公司");
        assertThat(e.get("level").asText()).isEqualTo("RED");
        assertThat(e.get("activeHits").get(0).get("reason").asText()).isEqualTo("欠薪 3 个月, 涉及 25 人");
        assertThat(e.get("history")).hasSize(3);
        assertThat(e.get("history").get(0).get("score").asDouble()).isEqualTo(48);
        assertThat(e.get("history").get(2).get("source").asText()).isEqualTo("now");
        assertThat(e.get("alerts").get(0).get("id").asText()).isEqualTo("e-2");
        assertThat(e.get("recentSignals")).hasSize(3);
        assertThat(e.toString()).doesNotContain("P123456").doesNotContain("张三丰")
                .contains("P*****6").contains("张*丰");
    }

    @Test
    void shouldShowAnAgencyOnlyItsAlertsOfAnEnterprise() {
        JsonNode e = api.get("/api/enterprises/" + BUILDER, api.token("court-lead")).json();

        List<String> ids = new ArrayList<>();
        e.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).containsExactly("e-2");
    }

    @Test
    void shouldAnswerTheCitysFiguresForAPeriod() {
        JsonNode all = api.get("/api/stats?from=2025-01-01&to=2026-01-01", api.token("analyst")).json();
        JsonNode union = api.get("/api/stats?from=2025-01-01&to=2026-01-01", api.token("union-handler")).json();

        assertThat(all.get("enterprisesScreened").asLong()).isEqualTo(2);
        assertThat(all.get("consultationsAnswered").asLong()).isEqualTo(2);
        assertThat(all.get("alerts").asLong()).isEqualTo(3);
        assertThat(all.get("alertsByLevel").get("RED").asLong()).isEqualTo(1);
        assertThat(all.get("alertsByDistrict").get("李沧区").asLong()).isEqualTo(2);
        assertThat(all.get("alertsByWeek").get(0).get("weekOf").asText()).isEqualTo("2025-03-03");
        assertThat(all.get("enterprisesByLevelNow").get("ORANGE").asLong()).isEqualTo(1);
        assertThat(all.get("topDistricts").get(0).get("name").asText()).isIn("李沧区", "城阳区", "市南区");
        assertThat(union.get("alerts").asLong()).isEqualTo(2);
        assertThat(union.get("alertsByAgency").size()).isEqualTo(1);
    }

    @Test
    void shouldRefuseACodeWithAWrongCheckCharacterThatIsNotKnown() {
        String wrong = BUILDER.substring(0, 17) + (BUILDER.endsWith("0") ? "1" : "0");

        Api.Response r = api.get("/api/enterprises/" + wrong, api.token("analyst"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("check character");
    }

    private static List<String> codes(JsonNode page) {
        List<String> codes = new ArrayList<>();
        page.get("items").forEach(item -> codes.add(item.get("creditCode").asText()));
        return codes;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
