package org.laborwatch.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.laborwatch.api.alert.TimeParam;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.api.problem.BadRequest;

/** {@code GET /api/audit}: the audit trail, for admins. There is no way to change it through the API. */
@Controller("/api/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "audit")
class AuditController {
    private static final int DEFAULT_LIMIT = 50;
    private final AuditTrail trail;
    private final CityTime time;

    AuditController(AuditTrail trail, CityTime time) {
        this.trail = trail;
        this.time = time;
    }

    @Serdeable
    record AuditPage(List<AuditRecord> items, @Nullable String next) {
    }

    @Get
    @Operation(summary = "Who changed what, newest first",
            description = "Filter by `caseId` (or any `subject`, e.g. `user/wang.li`), `by` (a username), `action`, "
                    + "`since`/`until` (ISO times). Pass `next` of a page as `cursor` for the following one.")
    AuditPage search(@QueryValue @Nullable @Size(max = 200) String caseId,
                     @QueryValue @Nullable @Size(max = 200) String subject,
                     @QueryValue @Nullable @Size(max = 64) String by,
                     @QueryValue @Nullable @Pattern(regexp = "[A-Z_]{1,40}") String action,
                     @QueryValue @Nullable @Size(max = 40) String since,
                     @QueryValue @Nullable @Size(max = 40) String until,
                     @QueryValue @Nullable @Min(1) @Max(200) Integer limit,
                     @QueryValue @Nullable @Size(max = 400) String cursor) throws IOException {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        String[] after = cursor == null ? null : decode(cursor);
        List<AuditRecord> records = trail.search(new AuditTrail.AuditQuery(
                caseId != null ? "case/" + caseId : subject, by, action, TimeParam.parse("since", since, time.zone()),
                TimeParam.parse("until", until, time.zone()), size,
                after == null ? null : Instant.ofEpochMilli(Long.parseLong(after[0])),
                after == null ? null : after[1]));
        String next = records.size() < size ? null : encode(records.get(records.size() - 1));
        return new AuditPage(records, next);
    }

    private static String encode(AuditRecord last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.at().toEpochMilli() + ":" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            Long.parseLong(s.substring(0, colon));
            return new String[] {s.substring(0, colon), s.substring(colon + 1)};
        } catch (RuntimeException e) {
            throw new BadRequest("cursor: not a cursor this service gave");
        }
    }
}
