package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.api.letter.LetterKind.OPINION;
import static org.laborwatch.api.letter.LetterKind.REMINDER;
import static org.laborwatch.api.letter.LetterKind.SUGGESTION;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LetterKindTest {

    @Test
    void shouldFollowTheReminderWithTheOpinionAndTheOpinionWithTheSuggestion() {
        assertThat(REMINDER.previous()).isEmpty();
        assertThat(OPINION.previous()).contains(REMINDER);
        assertThat(SUGGESTION.previous()).contains(OPINION);
    }

    @Test
    void shouldAddressTheEmployerFirstAndTheAuthorityLast() {
        assertThat(List.of(REMINDER, OPINION, SUGGESTION)).extracting(LetterKind::title, LetterKind::recipient)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("提示函", LetterKind.Recipient.EMPLOYER),
                        org.assertj.core.groups.Tuple.tuple("意见书", LetterKind.Recipient.EMPLOYER),
                        org.assertj.core.groups.Tuple.tuple("建议书", LetterKind.Recipient.AUTHORITY));
    }

    static Stream<Arguments> issuing() {
        return Stream.of(
                Arguments.of("a reminder in a fresh case", REMINDER, EnumSet.noneOf(LetterKind.class), true),
                Arguments.of("a second reminder", REMINDER, EnumSet.of(REMINDER), true),
                Arguments.of("an opinion before any reminder", OPINION, EnumSet.noneOf(LetterKind.class), false),
                Arguments.of("an opinion after the reminder", OPINION, EnumSet.of(REMINDER), true),
                Arguments.of("a suggestion after the reminder alone", SUGGESTION, EnumSet.of(REMINDER), false),
                Arguments.of("a suggestion after both", SUGGESTION, EnumSet.of(REMINDER, OPINION), true),
                Arguments.of("a suggestion in a fresh case", SUGGESTION, EnumSet.noneOf(LetterKind.class), false));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("issuing")
    void shouldAllowAKindOnlyOnceThePreviousKindWasIssued(String name, LetterKind kind, EnumSet<LetterKind> issued,
            boolean allowed) {
        assertThat(kind.mayIssue(issued)).isEqualTo(allowed);
    }
}
