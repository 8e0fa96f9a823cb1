package org.laborwatch.connectors.kafka;

import java.io.Serializable;
import java.util.List;

/**
 * The topics one engine job reads and writes. The stack's are {@link #DEFAULT} (DESIGN.md; {@code stack/stack.sh}
 * creates them); another set, {@link #named}, lets a second job run beside it on the same broker without sharing its
 * input (a staging job, a test, the savepoint fixtures of docs/operations.md).
 */
public record Topics(String signals, String alerts, String risk, String deadLetters, String rules,
                     String ruleEvents) implements Serializable {
    /** Signals in, keyed by enterprise id (unified social credit code). */
    public static final String SIGNALS = "lw.signals";
    /** Alerts out, keyed by enterprise id, for the agencies' consumers. */
    public static final String ALERTS = "lw.alerts";
    /**
     * The latest risk of each enterprise, keyed by enterprise id; compacted, so the topic holds every enterprise's
     * latest score. The index job copies it into Elasticsearch ({@code lw-risk}).
     */
    public static final String RISK = "lw.risk";
    /** Rejected input records with their reasons, keyed by where they came from. */
    public static final String DEAD_LETTERS = "lw.signals.dlq";
    /** Published rule sets, keyed by rule-set name; compacted, so the latest version is always there. */
    public static final String RULES = "lw.rules";

    /** What became of each published rule set in the job: accepted, or rejected with the compiler's problems. */
    public static final String RULE_EVENTS = "lw.rules.events";

    /** The stack's topics, named above. */
    public static final Topics DEFAULT = named("lw");

    /** The topics {@code stem.signals}, {@code stem.alerts}, ... named as the stack's are under {@code lw}. */
    public static Topics named(String stem) {
        return new Topics(stem + ".signals", stem + ".alerts", stem + ".risk", stem + ".signals.dlq", stem + ".rules",
                stem + ".rules.events");
    }

    /** Every topic, in the order the components are declared. */
    public List<String> all() {
        return List.of(signals, alerts, risk, deadLetters, rules, ruleEvents);
    }
}
