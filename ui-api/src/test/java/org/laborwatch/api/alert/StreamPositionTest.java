package org.laborwatch.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.laborwatch.api.problem.BadRequest;

class StreamPositionTest {

    @Test
    void shouldReadBackWhatItWrote() {
        StreamPosition position = new StreamPosition(Map.of(2, 7L, 0, 15L, 1, 0L), Map.of(1, 3L, 0, 9L));

        assertThat(position.encode()).isEqualTo("0-15.1-0.2-7~0-9.1-3");
        assertThat(StreamPosition.decode(position.encode())).isEqualTo(position);
    }

    @Test
    void shouldReadAnIdFromBeforeCaseEventsAsAlertsOnly() {
        StreamPosition old = StreamPosition.decode("0-15.1-0");

        assertThat(old.alerts()).containsEntry(0, 15L).containsEntry(1, 0L);
        assertThat(old.cases()).isNull();
        assertThat(StreamPosition.decode("0-15~").cases()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "0-", "0-1.", "-1-5", "0-1,1-2", "0-99999999999999999999", "~0-1",
        "0-1~~0-2", "0-1~x"})
    void shouldRefuseAnIdItDidNotWrite(String id) {
        assertThatThrownBy(() -> StreamPosition.decode(id)).isInstanceOf(BadRequest.class)
                .hasMessageContaining("Last-Event-ID");
    }
}
