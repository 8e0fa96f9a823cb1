package org.laborwatch.api.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.laborwatch.api.problem.BadRequest;

/** A time in a query: a date ({@code 2025-06-01}, the start of that day in the city) or an ISO time with offset. */
public final class TimeParam {

    private TimeParam() {
    }

    public static Instant parse(String name, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + ": '" + value + "' is not a date (2025-06-01) or a time with offset "
                    + "(2025-06-01T08:00:00+08:00)");
        }
    }
}
