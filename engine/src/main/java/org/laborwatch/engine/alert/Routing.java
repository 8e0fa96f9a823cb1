package org.laborwatch.engine.alert;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Which agencies an alert goes to, lead first (DESIGN.md, "Routing"): the lead of the strongest hit leads, every
 * hit's agencies follow, and a RED alert or a critical rule naming all five brings in all five.
 */
public final class Routing {

    private Routing() {
    }

    /** @param strongestFirst the active hits, strongest first */
    public static List<Agency> agenciesFor(List<Hit> strongestFirst, RiskLevel level) {
        Set<Agency> ordered = new LinkedHashSet<>();
        for (Hit hit : strongestFirst) {
            ordered.addAll(hit.agencies());
        }
        if (level == RiskLevel.RED || ordered.isEmpty()) {
            ordered.addAll(EnumSet.allOf(Agency.class));
        }
        return List.copyOf(ordered);
    }
}
