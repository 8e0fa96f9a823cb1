package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per kind of rejection, each at its exact line and column. */
class RuleSetValidatorTest {
    private static final String HEADER = """
            package laborwatch.test
            import org.laborwatch.rules.feature.EnterpriseFeatures
            import org.laborwatch.rules.ruleset.Findings
            global Findings hits
            rule "r" @id("T-1") @points(1) @agencies("HRSS")
            when
                $f : EnterpriseFeatures( complaints30d > 0 )
            then
            """;
    /** Where a test's own line lands: after the header's eight lines. */
    private static final int CONSEQUENCE_LINE = 9;
    private static final String MARK = "@@";

    private static List<RuleSetRejected.Problem> problems(String drl) {
        return RuleSetValidator.problems(new RuleSet("v", Map.of("t.drl", drl)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "type not allowed       | `    System.exit(1);`                 | 5  | type 'System' is not allowed",
        "member not allowed     | `    hits.getClass();`                | 10 | 'getClass' (in 'hits.getClass')",
        "qualified name         | `    java.lang.System.exit(1);`       | 10 | 'lang' (in 'java.lang')",
        "call of no function    | `    exit(1);`                        | 5  | 'exit(...)' is neither a function",
        "loop                   | `    while (true) { }`                | 5  | loops ('while') are not allowed",
        "fact change            | `    update($f);`                     | 5  | 'update' is not allowed; inserting or changing facts",
        "drools beyond getRule  | `    drools.halt();`                  | 5  | 'drools' offers rules only drools.getRule()",
        "kcontext               | `    kcontext.getKieRuntime();`       | 5  | 'kcontext' is not available",
        "array                  | `    int[] a = new int[9];`           | 15 | creating arrays",
        "unicode escape         | `    String s = \"\\u0041\";`         | 17 | unicode escapes",
        "synchronized           | `    synchronized (hits) { }`         | 5  | 'synchronized' is not allowed",
        "unbounded member       | `    String s = \"x\".repeat(9);`     | 20 | 'repeat'",
    })
    void shouldRejectInAConsequenceAtTheExactLineAndColumn(String name, String line, int column, String reason) {
        List<RuleSetRejected.Problem> problems = problems(HEADER + line + "\nend\n");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).line()).isEqualTo(CONSEQUENCE_LINE);
        assertThat(problems.get(0).column()).isEqualTo(column);
        assertThat(problems.get(0).message()).contains(reason);
        assertThat(problems.get(0)).hasToString("t.drl:" + CONSEQUENCE_LINE + ":" + column + ": "
                + problems.get(0).message());
    }

    /** Cases outside the consequence: {@value MARK} marks where the problem must be reported, and is removed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "import not allowed  | `@@import java.io.File\\n`                                            | 'import java.io.File' is not allowed",
        "wildcard import     | `@@import java.util.*\\n`                                             | import each type by name",
        "function import     | `@@import function java.lang.System.exit\\n`                          | 'import function java.lang.System.exit'",
        "second global       | `@@global java.util.List seen\\n`                                     | the only global is 'global Findings hits'",
        "mvel dialect        | `rule \"m\" @id(\"M\") @points(1) @agencies(\"HRSS\") @@dialect \"mvel\" when then end\\n` | dialect \"mvel\" is not allowed",
        "eval                | `rule \"e\" @id(\"E\") @points(1) @agencies(\"HRSS\") when @@eval(true) then end\\n` | eval(...) is not allowed",
        "accumulate          | `rule \"a\" @id(\"A\") @points(1) @agencies(\"HRSS\") when @@accumulate(EnterpriseFeatures(); $n : count(1)) then end\\n` | accumulate is not allowed",
        "query               | `@@query \"q\" EnterpriseFeatures() end\\n`                          | queries are not allowed",
        "declared type       | `@@declare Counter n : int end\\n`                                    | declaring types is not allowed",
        "timer               | `rule \"t\" @id(\"T\") @points(1) @agencies(\"HRSS\") @@timer (int: 1s) when then end\\n` | 'timer' is not allowed",
        "recursion           | `function int f(int n) {\\n    return @@f(n);\\n}\\n`                 | functions may not call functions",
        "fact in constraint  | `rule \"c\" @id(\"C\") @points(1) @agencies(\"HRSS\") when EnterpriseFeatures( @@Runtime.getRuntime() != null ) then end\\n` | type 'Runtime' is not allowed",
        "mvel def            | `rule \"d\" @id(\"D\") @points(1) @agencies(\"HRSS\") when EnterpriseFeatures( (@@def f() { 1 }) > 0 ) then end\\n` | MVEL function definitions",
    })
    void shouldRejectOutsideConsequencesAtTheExactLineAndColumn(String name, String marked, String reason) {
        String top = """
                package laborwatch.test
                import org.laborwatch.rules.feature.EnterpriseFeatures
                import org.laborwatch.rules.ruleset.Findings
                global Findings hits
                """;
        String drl = top + marked.replace("\\n", "\n");
        int at = drl.indexOf(MARK);
        int line = (int) drl.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        int column = at - drl.lastIndexOf('\n', at - 1);

        List<RuleSetRejected.Problem> problems = problems(drl.replace(MARK, ""));

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.message()).contains(reason);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.column()).isEqualTo(column);
        });
    }

    @Test
    void shouldAcceptTheWholeBundledLibrary() {
        assertThat(RuleSetValidator.problems(RuleSets.bundled())).isEmpty();
    }

    @Test
    void shouldAcceptWhatAPlainRuleNeeds() {
        String drl = HEADER.replace("import org.laborwatch.rules.ruleset.Findings", """
                import org.laborwatch.rules.ruleset.Findings
                import org.laborwatch.rules.fact.SignalType
                import java.math.BigDecimal
                import java.time.Duration""") + """
                    BigDecimal limit = new BigDecimal("10000").setScale(2, java.math.RoundingMode.HALF_UP);
                    String why = String.format("%d 起投诉", $f.complaints30d()) + Math.max(1, $f.count(SignalType.COMPLAINT, 30));
                    Duration d = Duration.ofDays(30);
                    hits.add(drools.getRule(), why + ' ' + limit.toPlainString() + d.toDays());
                end
                """;

        assertThat(problems(drl)).isEmpty();
    }

    @Test
    void shouldAllowForbiddenWordsInsideReasonsAndComments() {
        String drl = HEADER + """
                    // System.exit(1); while (true) { }
                    /* Runtime.getRuntime() */
                    hits.add(drools.getRule(), "System Thread File while insert 'x'");
                end
                """;

        assertThat(problems(drl)).isEmpty();
    }
}
