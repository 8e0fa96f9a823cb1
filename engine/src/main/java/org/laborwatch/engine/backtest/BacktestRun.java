package org.laborwatch.engine.backtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one {@code rules backtest} produced, for its report.
 *
 * @param baseline   the {@code --against} rule set's result; null without it
 * @param comparison candidate against baseline; null without a baseline
 * @param truth      the ground-truth file; null without one
 * @param wallClock  the whole backtest, both runs and the reading of the outputs
 */
public record BacktestRun(List<Path> signalFiles, Path truth, BacktestResult candidate, BacktestResult baseline,
                          Comparison comparison, Duration wallClock) {

    public boolean compared() {
        return baseline != null;
    }

    /** The results in the report's column order: the candidate ({@code --rules}), then the baseline. */
    public List<BacktestResult> results() {
        return compared() ? List.of(candidate, baseline) : List.of(candidate);
    }
}
