package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class LineBreakerTest {
    /** A Chinese character is one unit wide, a Latin one half. */
    static final ToDoubleFunction<String> WIDTH = s -> s.codePoints().mapToDouble(cp -> cp < 0x80 ? 0.5 : 1).sum();

    @Test
    void shouldBreakChineseBetweenAnyTwoCharacters() {
        assertThat(LineBreaker.wrap("一二三四五六七八九十", 4, 4, WIDTH)).containsExactly("一二三四", "五六七八", "九十");
    }

    @Test
    void shouldMakeTheFirstLineShorterForTheIndent() {
        assertThat(LineBreaker.wrap("一二三四五六七八九十", 2, 4, WIDTH)).containsExactly("一二", "三四五六", "七八九十");
    }

    @Test
    void shouldHangClosingPunctuationInTheMarginRatherThanStartALineWithIt() {
        List<String> lines = LineBreaker.wrap("一二三四，五六七八。", 4, 4, WIDTH);

        assertThat(lines).containsExactly("一二三四，", "五六七八。");
    }

    @Test
    void shouldTakeTheCharacterBeforeAlongWhenTwoMarksWouldHang() {
        List<String> lines = LineBreaker.wrap("一二三四）。五六", 4, 4, WIDTH);

        assertThat(lines).containsExactly("一二三", "四）。五", "六");
    }

    @Test
    void shouldNotEndALineWithOpeningPunctuation() {
        List<String> lines = LineBreaker.wrap("一二三《四五》六七", 4, 4, WIDTH);

        assertThat(lines).containsExactly("一二三", "《四五》", "六七");
    }

    @Test
    void shouldKeepFiguresAndCodesTogether() {
        List<String> lines = LineBreaker.wrap("金额1,280,000.00元", 6, 6, WIDTH);

        assertThat(lines).containsExactly("金额", "1,280,000.00", "元");
    }

    @Test
    void shouldBreakARunOfLatinLettersWiderThanALine() {
        List<String> lines = LineBreaker.wrap("ABCDEFGHIJ", 2, 2, WIDTH);

        assertThat(lines).containsExactly("ABCD", "EFGH", "IJ");
    }

    @Test
    void shouldDropSpacesAtTheBreak() {
        assertThat(LineBreaker.wrap("一二三四 五六", 4, 4, WIDTH)).containsExactly("一二三四", "五六");
    }
}
