package org.laborwatch.api.cases;

/** How a dispute ended. The first three settle it (see the OUT- rules); the last two do not. */
public enum OutcomeKind {
    MEDIATED("调解"),
    ARBITRATED("仲裁"),
    JUDGED("判决"),
    WITHDRAWN("撤回"),
    TRANSFERRED("移送检察院");

    private final String label;

    OutcomeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
