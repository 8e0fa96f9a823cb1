package org.laborwatch.rules.ruleset;

import org.laborwatch.rules.risk.RuleMeta;

/**
 * What a firing rule reports: which rule, the reason it gives in words agencies read, and whether it settles the
 * enterprise's earlier hits ({@link Findings#settle}) instead of adding one ({@link Findings#add}).
 */
public record Finding(RuleMeta rule, String reason, boolean settles) {

    /** A finding that adds a hit. */
    public Finding(RuleMeta rule, String reason) {
        this(rule, reason, false);
    }
}
