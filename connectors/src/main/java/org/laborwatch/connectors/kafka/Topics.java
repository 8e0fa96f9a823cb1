package org.laborwatch.connectors.kafka;

/** The topics of the stack (DESIGN.md); {@code stack/stack.sh} creates them. */
public final class Topics {
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

    private Topics() {
    }
}
