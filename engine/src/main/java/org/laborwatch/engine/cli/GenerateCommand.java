package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.generate.TroubleShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", description = {
    "write sample signals and their ground truth",
    "A deterministic city year with planted disputes: signals as JSON Lines (with late and duplicate deliveries, as "
            + "the city's sources make them) and the ground truth, truth.csv, that run scores its alerts against."})
final class GenerateCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the signals and "
            + "truth.csv")
    Path dir;

    @Mixin
    CityOptions city;

    @Option(names = "--start", paramLabel = "DATE", description = "the first day (default: ${DEFAULT-VALUE})")
    LocalDate start = CityOptions.DEFAULTS.start();

    @Option(names = "--shards", paramLabel = "N", description = "split the signals into N files, as N sources would "
            + "deliver them (default: ${DEFAULT-VALUE})")
    int shards = CityOptions.DEFAULTS.shards();

    @Option(names = "--trouble", paramLabel = "SHAPE", description = "how the planted disputes build up: USUAL, or "
            + "SLOW_DECLINE (months of social-insurance arrears, payroll delays and consultations, nothing in wage "
            + "arrears or complaints until the dispute erupts), to try rules on trouble unlike the default's "
            + "(default: ${DEFAULT-VALUE})")
    TroubleShape trouble = TroubleShape.USUAL;

    GenerateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        SampleGenerator.Result result = new SampleGenerator(city.options(spec, start, shards, trouble))
                .writeTo(dir);
        out.printf("generated %,d signals (%,d records with late and duplicate deliveries) for %,d enterprises%n",
                result.signals(), result.deliveries(), result.enterprises().size());
        result.files().forEach(f -> out.println("  signals:      " + f));
        out.println("  ground truth: " + result.truth());
        return 0;
    }
}
