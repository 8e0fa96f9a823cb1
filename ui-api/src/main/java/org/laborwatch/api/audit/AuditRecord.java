package org.laborwatch.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import org.laborwatch.api.identity.Role;
import org.laborwatch.rules.risk.Agency;

/**
 * One change, as the audit trail keeps it: who (with the role and agency they acted in), when, what, to which subject
 * ({@code case/<id>}, {@code user/<name>}), and the subject before and after.
 */
@Serdeable
public record AuditRecord(String id, Instant at, String by, @Nullable Role role, @Nullable Agency agency,
                          String action, String subject, @Nullable String detail,
                          @Nullable Map<String, Object> before, @Nullable Map<String, Object> after) {
}
