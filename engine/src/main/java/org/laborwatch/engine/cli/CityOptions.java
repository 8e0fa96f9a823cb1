package org.laborwatch.engine.cli;

import java.time.LocalDate;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.generate.TroubleShape;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The generated city of {@code generate} and {@code demo}: how many enterprises, how many days, which seed. */
final class CityOptions {
    static final SampleGenerator.Options DEFAULTS = SampleGenerator.Options.defaults();

    @Option(names = "--enterprises", paramLabel = "N",
            description = "enterprises in the city (default: ${DEFAULT-VALUE})")
    int enterprises = DEFAULTS.enterprises();

    @Option(names = "--days", paramLabel = "D",
            description = "days of signals, at least 30 (default: ${DEFAULT-VALUE})")
    int days = DEFAULTS.days();

    @Option(names = "--seed", paramLabel = "S", description = "the same seed makes the same city (default: "
            + "${DEFAULT-VALUE})")
    long seed = DEFAULTS.seed();

    SampleGenerator.Options options(CommandSpec spec, LocalDate start, int shards) {
        return options(spec, start, shards, TroubleShape.USUAL);
    }

    SampleGenerator.Options options(CommandSpec spec, LocalDate start, int shards, TroubleShape trouble) {
        return new SampleGenerator.Options(Usage.atLeast(spec, "--enterprises", enterprises, 1),
                Usage.atLeast(spec, "--days", days, 30), seed, start, Usage.atLeast(spec, "--shards", shards, 1),
                DEFAULTS.zone(), trouble);
    }
}
