package org.laborwatch.api.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * What resolving a case achieved: how it ended, the wages recovered for the workers (挽回损失, yuan), how many
 * workers were helped, and how many legal-aid cases it took.
 */
@Serdeable
public record Outcome(@NotNull OutcomeKind kind,
                      @Nullable @DecimalMin("0") @DecimalMax("100000000000") BigDecimal amountRecovered,
                      @Nullable @Min(0) @Max(10_000_000) Integer workersHelped,
                      @Nullable @Min(0) @Max(100_000) Integer legalAidCases,
                      @Nullable @Size(max = 2000) String summary) {

    public Outcome {
        amountRecovered = amountRecovered == null ? BigDecimal.ZERO : amountRecovered;
        workersHelped = workersHelped == null ? 0 : workersHelped;
        legalAidCases = legalAidCases == null ? 0 : legalAidCases;
    }
}
