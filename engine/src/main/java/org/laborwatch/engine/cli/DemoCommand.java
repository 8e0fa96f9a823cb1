package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = {
    "generate a city's year of signals, run the engine on it, print the summary and where to look: on the local "
            + "stack when it can start, else embedded (--embedded: always embedded)",
    "The summary: alerts by level and agency, the enterprises most at risk with their reasons, precision, recall and "
            + "lead time against the generated ground truth. ./laborwatch demo starts the stack itself and passes "
            + "--stack when it is up."})
final class DemoCommand implements Callable<Integer> {
    private static final int PARALLELISM = 2;

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "where the input and outputs go (default: out/demo)")
    Path dir;

    @Mixin
    CityOptions city;

    @Mixin
    ConfigOption config;

    @Option(names = "--stack",
            description = "run on the stack: Kafka and Elasticsearch (LW_KAFKA_BOOTSTRAP, LW_ES_URL)")
    boolean stack;

    @Option(names = "--embedded", description = "run embedded even where the stack could start (the launcher's "
            + "choice; without --stack the engine always runs embedded)")
    boolean embedded;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (stack && embedded) {
            throw Usage.error(spec, "--stack and --embedded exclude each other");
        }
        Path where = dir != null ? dir : Checkout.out("demo");
        Path input = where.resolve("input");
        SampleGenerator.Options options = city.options(spec, CityOptions.DEFAULTS.start(),
                CityOptions.DEFAULTS.shards());
        out.println("laborwatch demo: generating a year of signals for a city of enterprises ...");
        SampleGenerator.Result generated = new SampleGenerator(options).writeTo(input);
        out.printf("  %,d signals for %,d enterprises -> %s%n", generated.deliveries(),
                generated.enterprises().size(), input);
        EngineConfig settings = config.load();
        if (stack) {
            return new StackRunner(out, StackAddress.fromEnvironment()).run(generated.files(),
                    where.resolve("stack-output"), RuleSets.bundled(), generated.truth(), SignalCodec.defaults(),
                    PARALLELISM, settings);
        }
        return EmbeddedReport.run(out, generated.files(), where.resolve("output"), RuleSets.bundled(),
                generated.truth(), SignalCodec.defaults(), PARALLELISM, settings);
    }
}
