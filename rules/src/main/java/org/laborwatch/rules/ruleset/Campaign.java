package org.laborwatch.rules.ruleset;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A seasonal campaign (专项行动): a rule set that judges the signals dated within a stretch of calendar days instead of
 * the base rule set, e.g. the winter wage-arrears campaign before the Spring Festival, which lowers the thresholds for
 * construction. A rule set is a campaign when it holds a {@value #FILE} ({@link CampaignFile}); the days are whole
 * days in the city's zone, {@code from} and {@code until} both included.
 *
 * <p>Judged by a signal's event time, never the wall clock, so a replay or a backtest of last winter meets last
 * winter's campaign.
 */
public record Campaign(String name, LocalDate from, LocalDate until) implements java.io.Serializable {
    /** The file that makes a rule set a campaign. */
    public static final String FILE = "campaign.yaml";

    public Campaign {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a campaign needs a name");
        }
        if (from == null || until == null || until.isBefore(from)) {
            throw new IllegalArgumentException("campaign " + name + " needs from <= until, not " + from + " .. "
                    + until);
        }
    }

    /** The campaign of {@code ruleSet}, or empty for a base rule set. */
    public static Optional<Campaign> of(RuleSet ruleSet) throws RuleSetRejected {
        String text = ruleSet.sources().get(FILE);
        return text == null ? Optional.empty() : Optional.of(CampaignFile.parse(ruleSet.version(), text));
    }

    /** Whether a signal at {@code at} falls on one of the campaign's days in {@code zone}. */
    public boolean covers(Instant at, ZoneId zone) {
        return !at.isBefore(startsAt(zone)) && at.isBefore(endsAt(zone));
    }

    /** The first instant of {@code from}. */
    public Instant startsAt(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code until}: the campaign's last day counts to its end. */
    public Instant endsAt(ZoneId zone) {
        return until.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** As people read it: {@code 2026冬季根治欠薪专项行动 2025-12-15 .. 2026-02-17}. */
    public String schedule() {
        return name + " " + from + " .. " + until;
    }
}
