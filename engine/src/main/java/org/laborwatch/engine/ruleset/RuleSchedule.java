package org.laborwatch.engine.ruleset;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Which rule set judges a signal: the campaign in force on the signal's day, else the base rule set. By the signal's
 * event time, never the wall clock, so a replay, a backtest or a recovery judges each signal by the same rule set
 * whatever order the signals come in.
 *
 * <p>When campaigns overlap, the one that starts later wins: it is the more specific measure, announced into a
 * campaign already running (a district's two-week drive inside the city's winter campaign). Two that start on the same
 * day go by name, the first in sort order winning, so the choice never depends on which was published first. A
 * campaign past its last day is never in force again; it can stay where it is.
 */
public final class RuleSchedule {
    /** Strongest first: the later start, then the name. */
    static final Comparator<Scheduled> PRECEDENCE = Comparator
            .comparing((Scheduled s) -> s.campaign().from()).reversed()
            .thenComparing(s -> s.campaign().name());

    private final RuleSet base;
    private final List<Scheduled> campaigns;
    private final ZoneId zone;

    /** A campaign's rule set and its schedule, read once rather than per signal. */
    public record Scheduled(Campaign campaign, RuleSet rules) {
    }

    /** @param zone the city's zone, whose calendar days the campaigns are given in */
    public RuleSchedule(RuleSet base, List<Scheduled> campaigns, ZoneId zone) {
        this.base = base;
        List<Scheduled> ordered = new ArrayList<>(campaigns);
        ordered.sort(PRECEDENCE);
        this.campaigns = List.copyOf(ordered);
        this.zone = zone;
    }

    /** The rule set that judges a signal dated {@code at}. */
    public RuleSet at(Instant at) {
        for (Scheduled s : campaigns) {
            if (s.campaign().covers(at, zone)) {
                return s.rules();
            }
        }
        return base;
    }

    public RuleSet base() {
        return base;
    }

    public List<Scheduled> campaigns() {
        return campaigns;
    }

    /** Every version a signal may be judged by; evaluators of any other version can go. */
    public Set<String> versions() {
        Set<String> versions = new LinkedHashSet<>();
        versions.add(base.version());
        campaigns.forEach(s -> versions.add(s.rules().version()));
        return versions;
    }
}
