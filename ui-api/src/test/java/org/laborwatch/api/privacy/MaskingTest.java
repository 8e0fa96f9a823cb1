package org.laborwatch.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"P123456, P*****6", "张三, 张*", "张三丰, 张*丰", "A, *", "13812345678, 1*********8"})
    void shouldKeepOnlyTheFirstAndLastCharacter(String value, String masked) {
        assertThat(Masking.mask(value)).isEqualTo(masked);
    }

    @Test
    void shouldMaskPersonalAttributesAndKeepTheRest() {
        Map<String, String> shown = Masking.attributes(Map.of("complainant", "P123456", "complainant_phone",
                "13812345678", "channel", "12345热线", "status", "ABNORMAL"));

        assertThat(shown).containsEntry("complainant", "P*****6").containsEntry("complainant_phone", "1*********8")
                .containsEntry("channel", "12345热线").containsEntry("status", "ABNORMAL");
    }
}
