package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseDateTest {

    @ParameterizedTest(name = "{0} → {1}, {2}")
    @CsvSource({
            "2026-11-30, 2026年11月30日, 二〇二六年十一月三十日",
            "2020-01-10, 2020年1月10日, 二〇二〇年一月十日",
            "2026-12-21, 2026年12月21日, 二〇二六年十二月二十一日",
            "2009-10-01, 2009年10月1日, 二〇〇九年十月一日",
            "2026-03-31, 2026年3月31日, 二〇二六年三月三十一日"})
    void shouldWriteDatesInFiguresWithoutLeadingZerosAndInNumerals(LocalDate date, String figures, String numerals) {
        assertThat(ChineseDate.inFigures(date)).isEqualTo(figures);
        assertThat(ChineseDate.inNumerals(date)).isEqualTo(numerals);
    }
}
