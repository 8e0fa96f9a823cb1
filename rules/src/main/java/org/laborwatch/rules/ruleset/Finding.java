package org.laborwatch.rules.ruleset;

import org.laborwatch.rules.risk.RuleMeta;

/** What a firing rule reports: which rule, and the reason it gives in words agencies read. */
public record Finding(RuleMeta rule, String reason) {
}
