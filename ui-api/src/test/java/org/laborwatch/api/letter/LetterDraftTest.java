package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.laborwatch.api.letter.LetterFixtures.HRSS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LetterDraftTest {
    private final Letters letters = LetterFixtures.letters();

    @ParameterizedTest
    @EnumSource(LetterKind.class)
    void shouldFillEveryKindWithTheCasesFacts(LetterKind kind) {
        LetterText text = letters.draft(kind, LetterFixtures.forKind(kind));

        String body = String.join("\n", text.paragraphs());
        assertThat(text.title()).endsWith(kind.title());
        assertThat(body).contains("青岛某某建筑有限公司".equals(text.addressee()) ? "你单位" : "青岛某某建筑有限公司")
                .contains("91370213MA3C8XY25K", "李沧区", "建筑业")
                .contains("1,280,000.00 元（人民币壹佰贰拾捌万元整）")
                .contains("37人", "4个月", "12次", "2026年7月1日", "2026年11月20日")
                .contains("2026年11月18日，部分职工到区人社局集中反映欠薪问题。")
                .contains("2026年12月15日前");
        assertThat(text.signature()).isEqualTo("青岛市总工会");
        assertThat(text.date()).isEqualTo("2026年11月30日");
        assertThat(text.plain()).doesNotContain("{{", "}}");
    }

    @ParameterizedTest
    @EnumSource(LetterKind.class)
    void shouldCiteTheLabourContractLawAndTheMigrantWorkersWageRegulation(LetterKind kind) {
        String body = String.join("", letters.draft(kind, LetterFixtures.forKind(kind)).paragraphs());

        assertThat(body).contains("《中华人民共和国劳动合同法》第三十条", "《保障农民工工资支付条例》第三条", "第七十八条");
        if (kind != LetterKind.REMINDER) {
            assertThat(body).contains("第八十五条", "百分之五十以上百分之一百以下");
        }
    }

    @Test
    void shouldAddressTheReminderToTheEnterpriseAndNumberItOfficially() {
        LetterText text = letters.draft(LetterKind.REMINDER, LetterFixtures.reminder());

        assertThat(text.title()).isEqualTo("工会劳动法律监督提示函");
        assertThat(text.number()).isEqualTo("青工函〔2026〕3号");
        assertThat(text.addressee()).isEqualTo("青岛某某建筑有限公司");
        assertThat(text.paragraphs()).contains("特此函告。");
    }

    @Test
    void shouldCiteTheReminderInTheOpinion() {
        LetterText text = letters.draft(LetterKind.OPINION, LetterFixtures.opinion());

        assertThat(text.paragraphs().get(0)).startsWith("我会已于2026年10月8日发出《提示函》（青工函〔2026〕3号），");
        assertThat(text.number()).isEqualTo("青工函〔2026〕5号");
    }

    @Test
    void shouldAddressTheSuggestionToTheAuthorityAndCiteBothEarlierLetters() {
        LetterText text = letters.draft(LetterKind.SUGGESTION, LetterFixtures.suggestion());

        assertThat(text.addressee()).isEqualTo(HRSS);
        assertThat(String.join("", text.paragraphs())).contains(
                "我会已于2026年10月8日发出《提示函》（青工函〔2026〕3号）、于2026年10月22日发出《意见书》（青工函〔2026〕5号）",
                "第七十四条", "《保障农民工工资支付条例》第四条", "第七条");
    }

    @Test
    void shouldRefuseASuggestionWithoutAnAuthorityToAddress() {
        LetterFacts noAddressee = LetterFixtures.facts(List.of(LetterFixtures.REMINDED, LetterFixtures.OPINED),
                new LetterNumber(2026, 8), "");

        assertThatIllegalArgumentException().isThrownBy(() -> letters.draft(LetterKind.SUGGESTION, noAddressee))
                .withMessageContaining("建议书");
    }
}
