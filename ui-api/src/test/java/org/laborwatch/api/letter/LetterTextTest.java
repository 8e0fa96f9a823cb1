package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LetterTextTest {
    static final LetterText TEXT = new LetterText("工会劳动法律监督提示函", "青工函〔2026〕3号", "青岛某某建筑有限公司",
            List.of("经了解，你单位存在拖欠职工工资的情况。", "特此函告。"), "青岛市总工会", "2026年11月30日");

    @Test
    void shouldReadBackWhatItWrites() {
        assertThat(LetterText.parse(TEXT.plain())).isEqualTo(TEXT);
    }

    @Test
    void shouldReadTheBlocksOfAnEditedText() {
        String edited = """
                工会劳动法律监督提示函
                青工函〔2026〕3号

                青岛某某建筑有限公司：


                　　经了解，你单位
                存在拖欠职工工资的情况。
                　　
                特此函告。

                青岛市总工会
                2026年11月30日
                """;

        assertThat(LetterText.parse(edited)).isEqualTo(TEXT);
    }

    @Test
    void shouldAllowAHeadingWithoutNumber() {
        LetterText text = LetterText.parse("提示函\n\n某公司：\n\n正文。\n\n某工会\n2026年1月1日");

        assertThat(text.number()).isEmpty();
        assertThat(text.plain()).startsWith("提示函\n\n某公司：\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "提示函\n\n某公司：\n\n某工会\n2026年1月1日",
            "提示函\n\n某公司：\n\n正文。\n\n某工会",
            "提示函\n青工函〔2026〕3号\n多余\n\n某公司：\n\n正文。\n\n某工会\n2026年1月1日",
            "提示函\n\n某公司：\n另一个：\n\n正文。\n\n某工会\n2026年1月1日"})
    void shouldRefuseATextWithoutTheLettersBlocks(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> LetterText.parse(text));
    }

    @Test
    void shouldRefuseALineBreakInsideAField() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LetterText("提示函", "", "某公司",
                List.of("一\n二"), "某工会", "2026年1月1日"));
    }
}
