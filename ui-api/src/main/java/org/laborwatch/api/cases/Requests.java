package org.laborwatch.api.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.laborwatch.api.letter.LetterKind;
import org.laborwatch.rules.risk.Agency;

/** The bodies the cases API takes. */
final class Requests {
    static final String CREDIT_CODE = "[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}";

    private Requests() {
    }

    /**
     * {@code {"to": "ACCEPTED", "comment": "…"}}; resolving adds the {@code outcome}; dispatching may name the
     * {@code leadAgency} (the dispatcher's own agency when absent).
     */
    @Serdeable
    record Transition(@NotNull CaseState to, @NotBlank @Size(max = 2000) String comment,
                      @Nullable @Valid Outcome outcome, @Nullable Agency leadAgency) {
    }

    @Serdeable
    record Text(@NotBlank @Size(max = 4000) String text) {
    }

    /** Quiets new alerts of the case's enterprise for {@code hours}. */
    @Serdeable
    record SilenceFor(@NotNull @Min(1) @Max(2160) Integer hours, @NotBlank @Size(max = 2000) String comment) {
    }

    /**
     * A letter to draft or issue: its kind, the addressee (required for a 建议书, which goes to an authority; the
     * employer otherwise), the days given to answer, and — when issuing — the draft's text as the issuer edited it.
     */
    @Serdeable
    record LetterDraft(@NotNull LetterKind kind, @Nullable @Size(max = 200) String addressee,
                       @Nullable @Min(1) @Max(90) Integer responseDays, @Nullable @Size(max = 20000) String text) {
    }

    /** A case opened by hand, from a hotline call or a walk-in. */
    @Serdeable
    record NewCase(@NotBlank @Pattern(regexp = CREDIT_CODE, message = "must be an 18-character unified social "
            + "credit code") String enterpriseId,
                   @Nullable @Size(max = 200) String enterpriseName,
                   @Nullable @Size(max = 32) String district,
                   @Nullable @Size(max = 64) String industry,
                   @NotNull CaseOrigin channel,
                   @NotBlank @Size(max = 4000) String description) {
    }
}
