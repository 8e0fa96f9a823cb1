package org.laborwatch.rules.ruleset;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@value Campaign#FILE}: three {@code key: value} lines, UTF-8.
 * <pre>
 * name: 2026冬季根治欠薪专项行动
 * from: 2025-12-15
 * until: 2026-02-17
 * </pre>
 * Every mistake is a {@link RuleSetRejected.Problem} naming the file and its line, so {@code rules validate} and the
 * job report it like a mistake in a rule. A key nobody reads is a mistake too: a misspelt {@code untill} must not
 * leave a campaign without an end. Read as YAML nodes rather than values, because only nodes keep their lines.
 */
final class CampaignFile {
    private static final Set<String> KEYS = Set.of("name", "from", "until");

    private CampaignFile() {
    }

    /** The campaign the file describes, or every problem with it. */
    static Campaign parse(String version, String text) throws RuleSetRejected {
        List<RuleSetRejected.Problem> problems = new ArrayList<>();
        Campaign campaign = read(text, problems);
        if (campaign == null) {
            throw new RuleSetRejected(version, problems);
        }
        return campaign;
    }

    /** Every problem with the file; empty when it describes a campaign. */
    static List<RuleSetRejected.Problem> problems(String text) {
        List<RuleSetRejected.Problem> problems = new ArrayList<>();
        read(text, problems);
        return problems;
    }

    private static Campaign read(String text, List<RuleSetRejected.Problem> problems) {
        Map<String, ScalarNode> values = values(text, problems);
        if (values == null) {
            return null;
        }
        String name = values.containsKey("name") ? values.get("name").getValue().strip() : null;
        if (name == null || name.isEmpty()) {
            problems.add(problem(values.get("name"), "a campaign needs a name, the one people know it by: "
                    + "name: 2026冬季根治欠薪专项行动"));
        }
        LocalDate from = date(values, "from", problems);
        LocalDate until = date(values, "until", problems);
        if (from != null && until != null && until.isBefore(from)) {
            problems.add(problem(values.get("until"), "until " + until + " is before from " + from
                    + "; until is the campaign's last day"));
        }
        return problems.isEmpty() ? new Campaign(name, from, until) : null;
    }

    /** The file's keys and their values, or null when it is not a set of {@code key: value} lines. */
    private static Map<String, ScalarNode> values(String text, List<RuleSetRejected.Problem> problems) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text; // a BOM, as Windows editors write
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(Campaign.FILE).build())
                    .composeString(body);
        } catch (MarkedYamlEngineException e) {
            problems.add(new RuleSetRejected.Problem(Campaign.FILE, e.getProblemMark().map(m -> m.getLine() + 1)
                    .orElse(0), "not YAML: " + e.getProblem()));
            return null;
        } catch (YamlEngineException e) {
            problems.add(new RuleSetRejected.Problem(Campaign.FILE, 0, "not YAML: " + e.getMessage()));
            return null;
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)) {
            problems.add(new RuleSetRejected.Problem(Campaign.FILE, root.map(CampaignFile::line).orElse(0),
                    "must be key: value lines (name, from, until)"));
            return null;
        }
        Map<String, ScalarNode> values = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
            if (key == null || !KEYS.contains(key)) {
                problems.add(problem(tuple.getKeyNode(), (key == null ? "unknown key" : "unknown key '" + key + "'")
                        + "; a campaign has name, from and until"));
            } else if (values.containsKey(key)) {
                // Composing nodes does not check duplicates (constructing values would); which one was meant?
                problems.add(problem(tuple.getKeyNode(), key + " is given twice, here and on line "
                        + line(values.get(key))));
            } else if (tuple.getValueNode() instanceof ScalarNode value) {
                values.put(key, value);
            } else {
                problems.add(problem(tuple.getValueNode(), key + " must be one value on its line"));
            }
        }
        return values;
    }

    private static LocalDate date(Map<String, ScalarNode> values, String key, List<RuleSetRejected.Problem> problems) {
        ScalarNode node = values.get(key);
        if (node == null) {
            problems.add(problem(null, "a campaign needs '" + key + ":', its " + (key.equals("from")
                    ? "first" : "last") + " day (YYYY-MM-DD, included, in the city's time zone)"));
            return null;
        }
        try {
            return LocalDate.parse(node.getValue().strip());
        } catch (DateTimeParseException e) {
            problems.add(problem(node, key + ": '" + node.getValue() + "' is not a date; write YYYY-MM-DD, e.g. "
                    + "2025-12-15"));
            return null;
        }
    }

    private static RuleSetRejected.Problem problem(Node node, String message) {
        return new RuleSetRejected.Problem(Campaign.FILE, node == null ? 0 : line(node), message);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }
}
