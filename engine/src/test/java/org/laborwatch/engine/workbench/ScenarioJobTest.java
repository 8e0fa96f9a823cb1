package org.laborwatch.engine.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioJobTest {
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"../escape.yaml", "/etc/cron.d/x.yaml", "a/b.yaml", "a\\b.yaml", "..yaml", ".hidden.yaml",
        "notes.txt", " "})
    void shouldRefuseANameThatIsNotAPlainScenarioFileName(String name) {
        assertThatThrownBy(() -> ScenarioJob.fileName(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"arrears.yaml", "冬季专项.yml", "my scenarios.yaml"})
    void shouldTakeAPlainScenarioFileName(String name) {
        assertThat(ScenarioJob.fileName(name)).isEqualTo(name);
    }
}
