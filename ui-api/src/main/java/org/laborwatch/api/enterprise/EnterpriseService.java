package org.laborwatch.api.enterprise;

import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.laborwatch.api.alert.StoredAlert;
import org.laborwatch.api.alert.Views;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.problem.BadRequest;
import org.laborwatch.api.problem.NotFound;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;

/** An enterprise's risk and why, its history, and the search over all enterprises. */
@Singleton
class EnterpriseService {
    static final int RECENT_SIGNALS = 20;
    static final int MAX_ALERTS = 500;

    private final EnterpriseRepository enterprises;
    private final ZoneId zone;

    EnterpriseService(EnterpriseRepository enterprises, CityTime time) {
        this.enterprises = enterprises;
        this.zone = time.zone();
    }

    CompletableFuture<EnterpriseViews.EnterpriseRisk> lookup(Caller caller, String creditCode) {
        return enterprises.lookup(creditCode, MAX_ALERTS, RECENT_SIGNALS)
                .thenApply(stored -> view(caller, creditCode, stored));
    }

    private EnterpriseViews.EnterpriseRisk view(Caller caller, String creditCode, EnterpriseRepository.Stored stored) {
        RiskSnapshot risk = stored.risk().orElseThrow(() -> {
            // A code with a wrong check character may still be an allow-listed real one, so look first, then say.
            String problem = CreditCode.problem(creditCode);
            return problem != null ? new BadRequest("creditCode: not a valid unified social credit code (" + problem + ")")
                    : new NotFound("no enterprise " + creditCode + " has any risk recorded");
        });
        List<StoredAlert> all = stored.alerts();
        // Newest first; an agency's users see the alerts routed to their agency, the other roles all of them.
        List<Views.AlertSummary> visible = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Alert alert = all.get(i).alert();
            if (caller.agency() == null || alert.agencies().contains(caller.agency())) {
                visible.add(Views.summary(alert, all.get(i).acknowledgements(), zone));
            }
        }
        return new EnterpriseViews.EnterpriseRisk(risk.enterpriseId(), risk.enterpriseName(), risk.district(),
                risk.industry(), risk.score(), risk.level(), risk.level().label(), Views.at(risk.asOf(), zone),
                risk.ruleSetVersion(), risk.hits().stream().map(h -> Views.hit(h, zone)).toList(), risk.features(),
                stored.signals().stream().map(s -> s.signal(zone)).toList(),
                history(all, risk), visible);
    }

    /** Before and after of each alert, oldest first, then the score now. */
    private List<EnterpriseViews.HistoryPoint> history(List<StoredAlert> all, RiskSnapshot risk) {
        List<EnterpriseViews.HistoryPoint> points = new ArrayList<>();
        for (StoredAlert stored : all) {
            Alert a = stored.alert();
            points.add(new EnterpriseViews.HistoryPoint(Views.at(a.raisedAt(), zone), a.score(), a.level(),
                    "alert " + a.id()));
        }
        points.add(new EnterpriseViews.HistoryPoint(Views.at(risk.asOf(), zone), risk.score(), risk.level(),
                "now"));
        return points;
    }

    CompletableFuture<EnterpriseViews.EnterprisePage> search(EnterpriseRepository.Search search) {
        return enterprises.search(search).thenApply(found -> new EnterpriseViews.EnterprisePage(
                found.risks().stream().map(this::summary).toList(), found.total(), search.page(), search.size()));
    }

    private EnterpriseViews.EnterpriseSummary summary(RiskSnapshot r) {
        String top = r.hits().stream().max(java.util.Comparator.comparingInt(org.laborwatch.rules.risk.Hit::points))
                .map(org.laborwatch.rules.risk.Hit::reason).orElse(null);
        return new EnterpriseViews.EnterpriseSummary(r.enterpriseId(), r.enterpriseName(), r.district(),
                r.industry(), r.score(), r.level(), r.level().label(), Views.at(r.asOf(), zone), top);
    }
}
