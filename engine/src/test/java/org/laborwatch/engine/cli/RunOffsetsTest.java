package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOffsetsTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatARunWroteForLiveToCarryOnFrom() throws IOException {
        RunOffsets written = new RunOffsets(
                Map.of(new TopicPartition("lw.signals", 0), 10L, new TopicPartition("lw.signals", 11), 3L),
                Map.of(new TopicPartition("lw.signals", 0), 7_810L, new TopicPartition("lw.signals", 11), 7_900L),
                Map.of(new TopicPartition("lw.signals", 0), 7_810L, new TopicPartition("lw.alerts", 2), 512L,
                        new TopicPartition("lw.risk", 3), 1_490L));

        written.write(dir);

        assertThat(RunOffsets.read(dir)).isEqualTo(written);
    }

    @Test
    void shouldSayWhatWritesTheFileWhenItIsMissing() {
        assertThatThrownBy(() -> RunOffsets.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(RunOffsets.FILE).hasMessageContaining("run --stack");
    }
}
