package org.laborwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The service uses the engine's records, codecs and names, and carries none of Flink. */
class NoFlinkTest {

    @Test
    void shouldHaveNoFlinkOnTheClasspath() {
        assertThat(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> new File(entry).getName().startsWith("flink-"))).isEmpty();
        assertThatThrownBy(() -> Class.forName("org.apache.flink.api.common.JobID"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void shouldHaveNoEngineOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.laborwatch.engine.LaborwatchJob"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
