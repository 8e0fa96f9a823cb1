package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RenminbiTest {

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            integer millions                  | 1280000             | 壹佰贰拾捌万元整
            角 without 分 takes no 整          | 35000.50            | 叁万伍仟元伍角
            分 alone below one yuan           | 0.05                | 伍分
            角 alone below one yuan           | 0.5                 | 伍角
            角 and 分 below one yuan          | 0.25                | 贰角伍分
            nothing                           | 0                   | 零元整
            one yuan                          | 1                   | 壹元整
            壹拾 at the start                  | 10                  | 壹拾元整
            壹拾 at the start, with units      | 15                  | 壹拾伍元整
            壹拾 at the start of 万            | 100000              | 壹拾万元整
            壹拾 inside                        | 110                 | 壹佰壹拾元整
            零 inside a group                  | 1010                | 壹仟零壹拾元整
            零 for several noughts             | 1001                | 壹仟零壹元整
            零 across 万                       | 100200              | 壹拾万零贰佰元整
            零 across 万, from 仟万             | 10000001            | 壹仟万零壹元整
            no 零 when 千 follows a nought 万    | 107000.53           | 壹拾万柒仟元伍角叁分
            bank example 1409.50              | 1409.50             | 壹仟肆佰零玖元伍角
            bank example 6007.14              | 6007.14             | 陆仟零柒元壹角肆分
            bank example 1680.32              | 1680.32             | 壹仟陆佰捌拾元叁角贰分
            元 then 零 when 角 is nought         | 16409.02            | 壹万陆仟肆佰零玖元零贰分
            bank example 325.04               | 325.04              | 叁佰贰拾伍元零肆分
            元 then 零 on tens                  | 20.05               | 贰拾元零伍分
            亿 alone                           | 100000000           | 壹亿元整
            零 across 亿                       | 100000100           | 壹亿零壹佰元整
            零 across 亿 to 万                  | 100010000           | 壹亿零壹万元整
            no 零 when 仟万 follows 亿            | 110000000           | 壹亿壹仟万元整
            壹拾亿 and 零 to 万                  | 1000010000          | 壹拾亿零壹万元整
            万亿                               | 1000000000000       | 壹万亿元整
            万 within the 亿 part              | 1000100000000       | 壹万零壹亿元整
            the largest                       | 9999999999999999.99 | 玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分
            trailing zeros in the scale       | 35000.500           | 叁万伍仟元伍角
            """)
    void shouldWriteCapitalsAsTheBanksRulesDo(String name, BigDecimal yuan, String capitals) {
        assertThat(Renminbi.inCapitals(yuan)).isEqualTo(capitals);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1280000     | 1,280,000.00
            35000.5     | 35,000.50
            0.05        | 0.05
            999         | 999.00
            10000001    | 10,000,001.00
            """)
    void shouldWriteFiguresWithSeparatorsAndTwoDecimals(BigDecimal yuan, String figures) {
        assertThat(Renminbi.inFigures(yuan)).isEqualTo(figures);
    }

    @Test
    void shouldWriteFiguresAndCapitalsTogetherAsLettersDo() {
        assertThat(Renminbi.written(new BigDecimal("1280000"))).isEqualTo("1,280,000.00 元（人民币壹佰贰拾捌万元整）");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1", "0.001", "10000000000000000"})
    void shouldRefuseWhatCannotBeWritten(String yuan) {
        assertThatIllegalArgumentException().isThrownBy(() -> Renminbi.inCapitals(new BigDecimal(yuan)));
    }
}
