package org.laborwatch.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.laborwatch.api.problem.BadRequest;

class AlertCursorTest {

    @Test
    void shouldReadBackWhatItWrote() {
        AlertCursor cursor = new AlertCursor(1_741_000_000_000L, "8a3efdab-3d05-370f-8cc9-67ac22dfd1aa");

        assertThat(AlertCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void shouldRefuseACursorItDidNotWrite() {
        assertThatThrownBy(() -> AlertCursor.decode("bm9uc2Vuc2U")).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> AlertCursor.decode("%%%")).isInstanceOf(BadRequest.class);
    }
}
