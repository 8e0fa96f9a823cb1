package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus under {@code src/test/resources/hostile}: rules that would exit the process, write files, reflect,
 * start threads, load classes, recurse, flood the session with facts, re-fire themselves, build huge strings, read the
 * environment or keep static state, each written several ways. Every one must be rejected before it is compiled, with a
 * reason (its second line says what the reason mentions) and a line and column.
 */
class HostileRuleCorpusTest {
    private static final String EXPECT = "// expect: ";

    static Stream<Path> hostileRules() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileRuleCorpusTest.class.getResource("/hostile").toURI());
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRules")
    void shouldRejectEveryHostileRuleWithAReasonAndAPlace(Path file) throws IOException {
        String drl = Files.readString(file, StandardCharsets.UTF_8);
        String expected = drl.lines().filter(l -> l.startsWith(EXPECT)).findFirst().orElseThrow()
                .substring(EXPECT.length());
        String name = file.getFileName().toString();

        List<RuleSetRejected.Problem> problems = RuleSetValidator.problems(new RuleSet("hostile", Map.of(name, drl)));

        assertThat(problems).as(name).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(name);
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
        });
        assertThat(problems).as(name).anySatisfy(p -> assertThat(p.message()).contains(expected));
        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("hostile", Map.of(name, drl))))
                .isInstanceOf(RuleSetRejected.class);
    }

    @Test
    void shouldHoldACaseForEveryKindOfHarm() throws IOException, URISyntaxException {
        List<String> names = hostileRules().map(p -> p.getFileName().toString()).toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(70);
        for (String kind : List.of("exit-", "file-", "reflection-", "thread-", "classloader-", "recursion-", "loop-",
                "flood-", "refire-", "huge-", "env-", "static-", "construct-")) {
            assertThat(names).as(kind).anyMatch(n -> n.startsWith(kind));
        }
    }
}
