package org.laborwatch.api.enterprise;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.concurrent.CompletableFuture;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.api.problem.BadRequest;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * {@code /api/enterprises}: one enterprise's risk and history, and the search over all of them. Answered without
 * blocking: no thread waits for Elasticsearch.
 */
@Controller("/api/enterprises")
@Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.RULE_AUTHOR, Roles.ADMIN})
@Tag(name = "enterprises")
class EnterpriseController {
    static final int MAX_SIZE = 100;
    /** 18 characters of the code alphabet (GB 32100-2015); the check character is checked in the service. */
    static final String CREDIT_CODE = "[0-9A-HJ-NP-RTUWXY]{18}";
    private final EnterpriseService enterprises;

    EnterpriseController(EnterpriseService enterprises) {
        this.enterprises = enterprises;
    }

    @Get("/{creditCode}")
    @Operation(summary = "An enterprise's risk: score, level, active hits with reasons, recent signals, history and "
            + "alerts (agency users see their agency's alerts)")
    CompletableFuture<EnterpriseViews.EnterpriseRisk> lookup(
            @PathVariable @Pattern(regexp = CREDIT_CODE, message = "must be an 18-character unified social credit "
                    + "code (digits and capitals, no I, O, S, V, Z)") String creditCode,
            Authentication authentication) {
        return enterprises.lookup(Caller.of(authentication), creditCode);
    }

    @Get
    @Operation(summary = "Search enterprises by level, district, industry, score range and name (q)")
    CompletableFuture<EnterpriseViews.EnterprisePage> search(@QueryValue @Nullable RiskLevel level,
                                          @QueryValue @Nullable @Size(max = 32) String district,
                                          @QueryValue @Nullable @Size(max = 64) String industry,
                                          @QueryValue @Nullable @DecimalMin("0") @DecimalMax("100") Double minScore,
                                          @QueryValue @Nullable @DecimalMin("0") @DecimalMax("100") Double maxScore,
                                          @QueryValue @Nullable @Size(min = 1, max = 50) String q,
                                          @QueryValue @Nullable EnterpriseSort sort,
                                          @QueryValue @Nullable @Min(0) @Max(99) Integer page,
                                          @QueryValue @Nullable @Min(1) @Max(MAX_SIZE) Integer size) {
        if (minScore != null && maxScore != null && minScore > maxScore) {
            throw new BadRequest("minScore " + minScore + " is above maxScore " + maxScore);
        }
        return enterprises.search(new EnterpriseRepository.Search(level, district, industry, minScore, maxScore,
                q == null || q.isBlank() ? null : q.strip(), sort == null ? EnterpriseSort.score : sort,
                page == null ? 0 : page, size == null ? 20 : size));
    }
}
