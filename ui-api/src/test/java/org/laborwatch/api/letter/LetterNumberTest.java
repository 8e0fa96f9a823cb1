package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LetterNumberTest {

    @Test
    void shouldPrintTheStoredNumberAsAnOfficialDocumentNumber() {
        LetterNumber number = LetterNumber.parse("2026-0003");

        assertThat(number).isEqualTo(new LetterNumber(2026, 3));
        assertThat(number.official("青工函")).isEqualTo("青工函〔2026〕3号");
        assertThat(number).hasToString("2026-0003");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026", "2026-", "26-0003", "2026-0000", "2026/0003"})
    void shouldRefuseWhatIsNotALetterNumber(String stored) {
        assertThatIllegalArgumentException().isThrownBy(() -> LetterNumber.parse(stored));
    }
}
