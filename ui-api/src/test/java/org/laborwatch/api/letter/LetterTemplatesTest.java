package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetterTemplatesTest {
    static final String CITY_REMINDER = """
            {{! A city's own reminder: shorter, with its own closing partial. }}
            劳动法律监督提示函
            {{number.official}}

            {{addressee}}：

            你单位拖欠{{arrears.workers}}名职工工资{{amount.written}}，请于{{deadline}}前支付。

            {{> closing}}
            """;

    @TempDir
    Path city;

    @Test
    void shouldUseTheCitysTemplateInsteadOfTheBundledOne() throws IOException {
        write("reminder.mustache", CITY_REMINDER);
        write("closing.mustache", "{{issuer.name}}（盖章）\n{{dateInNumerals}}\n");
        Letters letters = new Letters(city, null, LetterFixtures.QINGDAO);

        LetterText text = letters.draft(LetterKind.REMINDER, LetterFixtures.reminder());

        assertThat(text.title()).isEqualTo("劳动法律监督提示函");
        assertThat(text.paragraphs()).containsExactly(
                "你单位拖欠37名职工工资1,280,000.00 元（人民币壹佰贰拾捌万元整），请于2026年12月15日前支付。");
        assertThat(text.signature()).isEqualTo("青岛市总工会（盖章）");
        assertThat(text.date()).isEqualTo("二〇二六年十一月三十日");
    }

    @Test
    void shouldKeepTheBundledTemplatesTheCityDidNotReplace() throws IOException {
        write("reminder.mustache", CITY_REMINDER);
        write("closing.mustache", "{{issuer.name}}\n{{date}}\n");
        Letters letters = new Letters(city, null, LetterFixtures.QINGDAO);

        LetterText opinion = letters.draft(LetterKind.OPINION, LetterFixtures.opinion());

        assertThat(opinion.title()).isEqualTo("工会劳动法律监督意见书");
    }

    @Test
    void shouldNameTheCitysFileAndThePlaceholderWhenAPlaceholderDoesNotExist() throws IOException {
        write("reminder.mustache", CITY_REMINDER.replace("{{arrears.workers}}", "{{arrears.worker}}"));
        write("closing.mustache", "{{issuer.name}}\n{{date}}\n");
        Letters letters = new Letters(city, null, LetterFixtures.QINGDAO);

        assertThatThrownBy(() -> letters.draft(LetterKind.REMINDER, LetterFixtures.reminder()))
                .isInstanceOf(BadLetterTemplate.class)
                .hasMessageContaining(city.resolve("reminder.mustache").toString())
                .hasMessageContaining("{{arrears.worker}}");
    }

    @Test
    void shouldSayWhenATemplateDoesNotYieldALetter() throws IOException {
        write("reminder.mustache", "{{addressee}}：请支付工资。\n");
        Letters letters = new Letters(city, null, LetterFixtures.QINGDAO);

        assertThatThrownBy(() -> letters.draft(LetterKind.REMINDER, LetterFixtures.reminder()))
                .isInstanceOf(BadLetterTemplate.class)
                .hasMessageContaining("does not yield a letter")
                .hasMessageContaining("blank lines");
    }

    @Test
    void shouldRefuseATemplateDirectoryThatIsNotOne() {
        Path missing = city.resolve("nowhere");

        assertThatIllegalArgumentException().isThrownBy(() -> new Letters(missing, null, LetterFixtures.QINGDAO))
                .withMessageContaining(missing.toString());
    }

    @Test
    void shouldReadTheSettingsTheServiceIsGiven() throws IOException {
        write("reminder.mustache", CITY_REMINDER);
        write("closing.mustache", "{{issuer.name}}\n{{date}}\n");
        Letters letters = new Letters(city.toString(), "", "烟台市总工会", "烟工函");

        LetterText text = letters.draft(LetterKind.REMINDER, LetterFixtures.reminder());

        assertThat(letters.issuer()).isEqualTo(new LetterFacts.Issuer("烟台市总工会", "烟工函"));
        assertThat(text.title()).isEqualTo("劳动法律监督提示函");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(city.resolve(name), text, StandardCharsets.UTF_8);
    }
}
