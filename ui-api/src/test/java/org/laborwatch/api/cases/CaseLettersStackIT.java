package org.laborwatch.api.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.support.Fixtures.BUILDER;
import static org.laborwatch.api.support.Fixtures.alert;
import static org.laborwatch.api.support.Fixtures.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.CaseDriver;
import org.laborwatch.api.support.ServiceTest;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * The union's 一函两书 in a case: the three letters only in order, each filled from the case's facts (the arrears in
 * figures and in capitals, the legal basis), editable before issuing, numbered in the year's series, and downloaded
 * as a DOCX that opens and says what was issued.
 */
@MicronautTest
class CaseLettersStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("case-letters");
    private static final ObjectMapper JSON = new ObjectMapper();
    private String id;

    CaseLettersStackIT() {
        super(STACK);
    }

    @BeforeAll
    void openCase() throws Exception {
        CaseDriver cases = new CaseDriver(STACK, api);
        cases.produce(alert("l-1", BUILDER, "青岛某某建筑有限公司", "李沧区", "建筑业", RiskLevel.RED, 88, day(10),
                Agency.values()));
        id = cases.awaitCases(BUILDER, 1).get(0).get("id").asText();
    }

    @Test
    void shouldIssueTheThreeLettersInOrderFilledFromTheCase() throws Exception {
        String year = Integer.toString(LocalDate.now(ApiStack.ZONE).getYear());
        assertThat(issue("union-handler", "{\"kind\":\"SUGGESTION\",\"addressee\":\"青岛市李沧区人力资源和社会保障局\"}")
                .status()).isEqualTo(409);
        Api.Response early = issue("union-handler", "{\"kind\":\"OPINION\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asText()).contains("提示函");
        assertThat(issue("court-lead", "{\"kind\":\"REMINDER\"}").status()).as("the union's letters").isEqualTo(403);

        Api.Response draft = api.get("/api/cases/" + id + "/letters/draft?kind=REMINDER", api.token("union-handler"));
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        String text = draft.json().get("text").asText();
        assertThat(text).contains("青岛某某建筑有限公司", BUILDER, "120,000.00", "壹拾贰万元整",
                "《中华人民共和国劳动合同法》", "《保障农民工工资支付条例》", "涉及职工25人");

        String edited = text.replace("特此函告。", "请于收函后与工会联系人王莉(电话 0532-0000000)对接。\n\n特此函告。");
        Api.Response reminder = issue("union-handler", JSON.writeValueAsString(
                java.util.Map.of("kind", "REMINDER", "text", edited)));
        assertThat(reminder.status()).as(reminder.body()).isEqualTo(201);
        String number = reminder.json().get("number").asText();
        assertThat(number).isEqualTo(year + "-0001");

        HttpResponse<byte[]> docx = api.client().send(api.request("/api/cases/" + id + "/letters/" + number,
                api.token("union-handler")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(docx.statusCode()).isEqualTo(200);
        assertThat(docx.headers().firstValue("Content-Type").orElse("")).contains("wordprocessingml");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()));
             XWPFWordExtractor words = new XWPFWordExtractor(doc)) {
            assertThat(words.getText()).contains("提示函", "青岛某某建筑有限公司", "王莉", "〔" + year + "〕1号");
        }

        assertThat(issue("union-lead", "{\"kind\":\"SUGGESTION\",\"addressee\":\"x\"}").status())
                .as("no 建议书 before the 意见书").isEqualTo(409);
        Api.Response opinion = issue("union-lead", "{\"kind\":\"OPINION\"}");
        assertThat(opinion.status()).as(opinion.body()).isEqualTo(201);
        assertThat(opinion.json().get("number").asText()).isEqualTo(year + "-0002");
        assertThat(issue("union-lead", "{\"kind\":\"SUGGESTION\"}").status()).as("an authority is named")
                .isEqualTo(400);
        Api.Response suggestion = issue("union-lead",
                "{\"kind\":\"SUGGESTION\",\"addressee\":\"青岛市李沧区人力资源和社会保障局\"}");
        assertThat(suggestion.status()).as(suggestion.body()).isEqualTo(201);
        assertThat(suggestion.json().get("text").get("addressee").asText()).isEqualTo("青岛市李沧区人力资源和社会保障局");

        JsonNode c = api.get("/api/cases/" + id, api.token("analyst")).json().get("case");
        assertThat(c.get("letters")).extracting(l -> l.get("kind").asText())
                .containsExactly("REMINDER", "OPINION", "SUGGESTION");
        assertThat(new CaseDriver(STACK, api).awaitAudit(id, "LETTER_ISSUED", 3)).hasSize(3);
    }

    @Test
    void shouldServeAPdfWhereAChineseFontIsInstalledAndSaySoWhereNot() throws Exception {
        Api.Response reminder = issue("union-handler", "{\"kind\":\"REMINDER\"}");
        String number = reminder.status() == 201 ? reminder.json().get("number").asText()
                : api.get("/api/cases/" + id, api.token("analyst")).json().get("case").get("letters").get(0)
                .get("number").asText();
        HttpResponse<byte[]> pdf = api.client().send(api.request("/api/cases/" + id + "/letters/" + number,
                        api.token("court-handler")).header("Accept", "application/pdf").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        if (pdf.statusCode() == 200) {
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        } else {
            assertThat(pdf.statusCode()).isEqualTo(406);
            assertThat(new String(pdf.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("font");
        }
    }

    private Api.Response issue(String user, String body) {
        return api.post("/api/cases/" + id + "/letters", api.token(user), body);
    }
}
