package org.laborwatch.rules.fact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditCodeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "published example, 91350100M000100Y43",
        "generated Qingdao code, 91370211MA3C00001X",
    })
    void shouldAcceptCodeWhenCheckCharacterMatches(String name, String code) {
        String valid = name.startsWith("generated") ? CreditCode.withCheckCharacter(code.substring(0, 17)) : code;
        assertThat(CreditCode.problem(valid)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "wrong check character, 91350100M000100Y44, check character",
        "too short,             91350100M000100Y4,  length 17",
        "letter I not allowed,  91350100I000100Y43, not in the code alphabet",
        "lower case,            91350100m000100Y43, not in the code alphabet",
    })
    void shouldExplainWhenCodeIsInvalid(String name, String code, String expected) {
        assertThat(CreditCode.problem(code)).contains(expected);
    }

    @ParameterizedTest(name = "check character {1}")
    @CsvSource({"91350100M000100Y4, 3", "91110000600037341, L"})
    void shouldComputeCheckCharacterPerGb32100(String first17, char expected) {
        assertThat(CreditCode.checkCharacter(first17)).isEqualTo(expected);
    }
}
