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
        StreamPosition position = new StreamPosition(Map.of(2, 7L, 0, 15L, 1, 0L));

        assertThat(position.encode()).isEqualTo("0-15.1-0.2-7");
        assertThat(StreamPosition.decode(position.encode())).isEqualTo(position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "0-", "0-1.", "-1-5", "0-1,1-2", "0-99999999999999999999"})
    void shouldRefuseAnIdItDidNotWrite(String id) {
        assertThatThrownBy(() -> StreamPosition.decode(id)).isInstanceOf(BadRequest.class)
                .hasMessageContaining("Last-Event-ID");
    }
}
