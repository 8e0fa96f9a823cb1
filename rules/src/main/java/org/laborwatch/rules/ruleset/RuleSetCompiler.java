package org.laborwatch.rules.ruleset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieContainer;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * Turns a {@link RuleSet} into a {@link CompiledRuleSet}, or rejects it with every problem found. Everything here is
 * fallible but side-effect free, so a caller can compile a new version while the old one keeps serving and swap only
 * on success.
 *
 * <p>Uses classic DRL compilation rather than the executable model: both evaluate at the same speed here, and DRL
 * builds several times faster, which matters when a running job compiles a newly published version.
 */
public final class RuleSetCompiler {
    private static final String SOURCE_ROOT = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private RuleSetCompiler() {
    }

    public static CompiledRuleSet compile(RuleSet ruleSet) throws RuleSetRejected {
        List<RuleSetRejected.Problem> problems = new ArrayList<>(RuleSetValidator.problems(ruleSet));
        if (!problems.isEmpty()) {
            throw new RuleSetRejected(ruleSet.version(), problems);
        }
        List<DecisionTable.Expanded> tables = DecisionTable.expandAll(ruleSet, problems);
        if (!problems.isEmpty()) {
            throw new RuleSetRejected(ruleSet.version(), problems);
        }
        KieBase kieBase = build(ruleSet, tables);
        return new CompiledRuleSet(ruleSet, kieBase, readMetadata(ruleSet, tables, kieBase));
    }

    /**
     * A KieBase of the compiled rule set's own, built again from its sources, without {@code rules}: for an evaluator
     * that quarantines a rule whose condition throws. A condition is evaluated whatever the agenda filter says, so
     * the only way to stop it is to take its rule out of the network; the shared KieBase other subtasks evaluate
     * with is left alone.
     */
    static KieBase buildWithout(CompiledRuleSet compiled, Collection<Rule> rules) {
        try {
            List<RuleSetRejected.Problem> problems = new ArrayList<>();
            KieBase kieBase = build(compiled.source(), DecisionTable.expandAll(compiled.source(), problems));
            for (Rule rule : rules) {
                kieBase.removeRule(rule.getPackageName(), rule.getName());
            }
            return kieBase;
        } catch (RuleSetRejected e) {
            throw new IllegalStateException("rule set " + compiled.version() + " compiled once and not again", e);
        }
    }

    private static KieBase build(RuleSet ruleSet, List<DecisionTable.Expanded> tables) throws RuleSetRejected {
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // A release id of its own per compile: the KieRepository is JVM-wide, and two subtasks compiling at once
        // under one id would hand each other's KieBase back.
        ReleaseId releaseId = ks.newReleaseId("org.laborwatch.rules", "ruleset", "1.0.0-" + UUID.randomUUID());
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> fileByPath = new HashMap<>();
        Map<String, DecisionTable.Expanded> tableByPath = new HashMap<>();
        Map<String, String> drlByName = new TreeMap<>();
        ruleSet.sources().forEach((name, text) -> {
            if (name.endsWith(".drl")) {
                drlByName.put(name, text);
            }
        });
        for (DecisionTable.Expanded table : tables) {
            // A table goes in as the DRL it expands to (written as DRL, not left to Drools' own table support, so the
            // DRL compiled is exactly the DRL the validator checked).
            drlByName.put(table.file(), table.drl());
            tableByPath.put(packageFolder(table.drl()) + table.file() + ".drl", table);
        }
        drlByName.forEach((name, text) -> {
            // Drools wants a file's folder to match its package; authors should not have to care.
            String path = packageFolder(text) + name + (DecisionTable.isTable(name) ? ".drl" : "");
            fileByPath.put(path, name);
            // UTF-8 said outright: left to itself Drools reads rule text in the platform's charset, and on a machine
            // without a UTF-8 locale every Chinese reason and literal (an industry, a district) came out as '?'.
            kfs.write(ks.getResources().newByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "UTF-8")
                    .setSourcePath(SOURCE_ROOT + path).setResourceType(ResourceType.DRL));
        });
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
        List<RuleSetRejected.Problem> problems = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            DecisionTable.Expanded table = message.getPath() == null ? null : tableByPath.get(message.getPath());
            if (table != null) {
                problems.add(table.problemAt(message.getLine(), message.getText().trim()));
                continue;
            }
            String file = message.getPath() == null ? "(rule set)"
                    : fileByPath.getOrDefault(message.getPath(), message.getPath());
            problems.add(new RuleSetRejected.Problem(file, message.getLine(), message.getText().trim()));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleSetRejected(ruleSet.version(), problems);
        }
        try {
            KieContainer container = ks.newKieContainer(releaseId);
            return container.getKieBase();
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    private static String packageFolder(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1).replace('.', '/') + '/' : "";
    }

    private static Map<String, RuleMeta> readMetadata(RuleSet ruleSet, List<DecisionTable.Expanded> tables,
                                                      KieBase kieBase) throws RuleSetRejected {
        Map<String, RuleMeta> metaByRule = new HashMap<>();
        Map<String, String> ruleById = new HashMap<>();
        List<RuleSetRejected.Problem> problems = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                List<String> found = new ArrayList<>();
                RuleMeta meta = RuleMetadata.read(rule, found);
                if (meta != null) {
                    String clash = ruleById.putIfAbsent(meta.id(), rule.getName());
                    if (clash != null) {
                        found.add("rules \"" + clash + "\" and \"" + rule.getName() + "\" share @id " + meta.id());
                    }
                    metaByRule.put(RuleMetadata.key(rule), meta);
                }
                found.forEach(p -> problems.add(problemOf(rule, tables, p)));
            }
        }
        metaByRule = PointsTable.apply(ruleSet, metaByRule, problems);
        if (metaByRule.isEmpty() && problems.isEmpty()) {
            problems.add(new RuleSetRejected.Problem("(metadata)", 0, "the rule set holds no rules"));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetRejected(ruleSet.version(), problems);
        }
        return metaByRule;
    }

    /** A metadata problem, told against the table row the rule came from when it came from a table. */
    private static RuleSetRejected.Problem problemOf(Rule rule, List<DecisionTable.Expanded> tables, String problem) {
        for (DecisionTable.Expanded table : tables) {
            int row = table.rowOfRule(rule.getName());
            if (row > 0 && rule.getPackageName().equals(packageName(table.drl()))) {
                return new RuleSetRejected.Problem(table.file(), row, problem + " (in row " + row + ")");
            }
        }
        return new RuleSetRejected.Problem("(metadata)", 0, problem);
    }

    private static String packageName(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1) : "";
    }
}
