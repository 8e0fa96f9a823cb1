package org.laborwatch.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void shouldPrintALinePerTenthOfEachPhaseWhateverHowOftenItIsPolled() {
        StringWriter printed = new StringWriter();
        try (ProgressDisplay progress = ProgressDisplay.lines("rules-1", 1_000, new PrintWriter(printed))) {
            for (int read = 0; read <= 1_000; read++) {
                progress.update(read, 0);
            }
            for (int judged = 1; judged <= 990; judged++) {
                progress.update(1_000, judged);
            }
            progress.done();
        }

        String[] lines = printed.toString().split("\n");
        assertThat(lines).hasSize(22).allMatch(line -> line.startsWith("rules-1  "));
        assertThat(lines[0]).contains("读取 reading").contains("  0%");
        assertThat(lines[10]).contains("读取 reading").contains("100%  1,000 / 1,000");
        assertThat(lines[21]).contains("研判 judging").contains("100%  1,000 / 1,000");
    }
}
