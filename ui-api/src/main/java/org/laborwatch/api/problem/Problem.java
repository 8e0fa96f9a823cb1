package org.laborwatch.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An error as RFC 9457 describes it ({@code application/problem+json}): a short title, the status, and what was
 * wrong in words a caller can act on. {@code errors} names each invalid parameter or field.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<String> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.of(MEDIA_TYPE);
}
