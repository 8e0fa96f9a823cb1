package org.laborwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.feature.FeatureCalculator;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.RuleEvaluator;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCompiler;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * Side-by-side throughput in one JVM on one generated input: how each way of meeting the rules costs per evaluation,
 * then the whole embedded job with the Drools rule library against the same rules hand-written in Java. Each job
 * variant is warmed up (twice by default), then run in alternation, so drift in a noisy machine hits both alike;
 * medians are reported. The two variants must raise the same alerts, or the figures mean nothing and the bench fails.
 */
public final class ThroughputBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final int enterprises;
    private final int rounds;
    /**
     * Job runs per variant before measuring. Two by default: after one, the first measured Drools round was still the
     * slowest of every run (the JIT was not done with the rule classes and Flink's code).
     */
    private final int warmups;
    private final Path dir;

    private final Path home;
    /** Which parts to run: {@code rules} (evaluation costs), {@code job} (Drools against Java), {@code order}. */
    private final Set<String> sections;

    private ThroughputBench(int enterprises, int rounds, int warmups, Path dir, Path home, Set<String> sections) {
        this.enterprises = enterprises;
        this.rounds = rounds;
        this.warmups = warmups;
        this.dir = dir;
        this.home = home;
        this.sections = sections;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int enterprises = Integer.parseInt(options.getOrDefault("enterprises", "200000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int warmups = Math.max(1, Integer.parseInt(options.getOrDefault("warmup", "2")));
        Path home = Path.of(System.getProperty("laborwatch.home", "."));
        Path dir = options.containsKey("out") ? Path.of(options.get("out")) : home.resolve("out").resolve("bench");
        Set<String> sections = Set.of(options.getOrDefault("sections", "rules,job,order").split(","));
        new ThroughputBench(enterprises, rounds, warmups, dir, home, sections).run();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "usage: bench [--enterprises N] [--rounds R] [--warmup W] [--out DIR] "
                                + "[--sections rules,job,order]");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private void run() throws Exception {
        List<Path> input = input();
        RuleSet library = RuleSets.bundled();
        CompiledRuleSet compiled = RuleSetCompiler.compile(library);
        out.printf("machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        if (sections.contains("rules")) {
            evaluationCosts(input.get(0), compiled);
        }
        if (sections.contains("job")) {
            jobThroughput(input, library, compiled);
        }
        if (sections.contains("order")) {
            inputOrder(input, library);
        }
    }

    /**
     * The same year sorted by event time and shuffled, judged in turn: warm in this JVM (the job alone), then as whole
     * {@code laborwatch run} processes, wall clock from start to summary, which is what a user waits for. Both orders
     * must raise the same alerts.
     */
    private void inputOrder(List<Path> input, RuleSet library) throws Exception {
        Map<String, Path> orders = new LinkedHashMap<>();
        orders.put("sorted by event time", write(sortedByTime(input), dir.resolve("order").resolve("sorted.jsonl")));
        List<String> shuffled = readAll(input);
        Collections.shuffle(shuffled, new Random(7));
        orders.put("shuffled", write(shuffled, dir.resolve("order").resolve("shuffled.jsonl")));

        Map<String, List<Long>> warm = new LinkedHashMap<>();
        Map<String, List<Long>> whole = new LinkedHashMap<>();
        Map<String, Set<String>> alertIds = new LinkedHashMap<>();
        long signals = 0;
        out.printf("%ninput order: the same year sorted and shuffled, %d warm-up run(s) each, then %d alternating runs;"
                + " warm in this JVM, then whole `laborwatch run` processes%n", warmups, rounds);
        for (int round = 1 - warmups; round <= rounds; round++) {
            for (Map.Entry<String, Path> order : orders.entrySet()) {
                Path outDir = dir.resolve("order").resolve("out-" + order.getValue().getFileName());
                System.gc();
                JobExecutionResult result = EmbeddedRun.runJob(new EmbeddedRun.Options(List.of(order.getValue()),
                        outDir, library, EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                        SignalCodec.defaults(), 2));
                signals = ((Number) result.getAllAccumulatorResults().get("signals-read")).longValue();
                out.printf("  %s %-22s warm %6.1f s%n", round <= 0 ? "warm-up" : "round " + round, order.getKey(),
                        result.getNetRuntime() / 1000.0);
                if (round > 0) {
                    warm.computeIfAbsent(order.getKey(), k -> new ArrayList<>()).add(result.getNetRuntime());
                } else if (round == 0) {
                    alertIds.put(order.getKey(), alertIds(outDir));
                }
            }
        }
        for (int round = 1 - warmups; round <= rounds; round++) {
            for (Map.Entry<String, Path> order : orders.entrySet()) {
                long millis = wholeRun(order.getValue(), dir.resolve("order").resolve("run-"
                        + order.getValue().getFileName()));
                out.printf("  %s %-22s whole process %6.1f s%n", round <= 0 ? "warm-up" : "round " + round,
                        order.getKey(), millis / 1000.0);
                if (round > 0) {
                    whole.computeIfAbsent(order.getKey(), k -> new ArrayList<>()).add(millis);
                }
            }
        }
        out.printf("%n%-22s %10s %12s %14s %14s %14s%n", "input order", "records", "warm s", "warm sig/s",
                "process s", "process sig/s");
        double sortedRate = 0;
        for (String order : orders.keySet()) {
            long warmMedian = median(warm.get(order).stream().mapToLong(Long::longValue).toArray());
            long wholeMedian = median(whole.get(order).stream().mapToLong(Long::longValue).toArray());
            double rate = signals * 1000.0 / wholeMedian;
            sortedRate = sortedRate == 0 ? rate : sortedRate;
            out.printf("%-22s %,10d %12.1f %,14.0f %14.1f %,14.0f%n", order, signals, warmMedian / 1000.0,
                    signals * 1000.0 / warmMedian, wholeMedian / 1000.0, rate);
        }
        double shuffledRate = signals * 1000.0 / median(whole.get("shuffled").stream().mapToLong(Long::longValue)
                .toArray());
        out.printf("shuffled / sorted, whole processes: %.2f (the goal: at least 0.80)%n", shuffledRate / sortedRate);
        if (new HashSet<>(alertIds.values()).size() != 1) {
            throw new IllegalStateException("sorted and shuffled raised different alerts: the judgement depends on the "
                    + "order of the lines");
        }
        out.printf("both orders raised the same %,d alert ids%n", alertIds.values().iterator().next().size());
    }

    /** {@code laborwatch run} as a user starts it, in a process of its own; its wall-clock time, start to summary. */
    private long wholeRun(Path signals, Path outDir) throws Exception {
        Path log = Files.createDirectories(outDir).resolve("run.log");
        Process run = new ProcessBuilder(home.resolve("laborwatch").toString(), "run", "--signals",
                signals.toString(), "--out", outDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long started = System.nanoTime();
        int exit = run.waitFor();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException("laborwatch run failed (exit " + exit + "); see " + log);
        }
        return millis;
    }

    private static List<String> readAll(List<Path> files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
        }
        return lines;
    }

    private static List<String> sortedByTime(List<Path> files) throws IOException {
        SignalCodec codec = SignalCodec.defaults();
        List<String> lines = readAll(files);
        Map<String, Long> times = new java.util.HashMap<>();
        for (String line : lines) {
            times.put(line, codec.decode(line, "sort") instanceof Decoded.Accepted a ? a.signal().occurredAtMillis()
                    : Long.MAX_VALUE);
        }
        lines.sort(Comparator.<String>comparingLong(times::get).thenComparing(Comparator.naturalOrder()));
        return lines;
    }

    private static Path write(List<String> lines, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private List<Path> input() throws IOException {
        Path inputDir = dir.resolve("input-" + enterprises);
        if (!Files.isRegularFile(inputDir.resolve("truth.csv"))) {
            out.printf("generating a city of %,d enterprises into %s ...%n", enterprises, inputDir);
            new SampleGenerator(new SampleGenerator.Options(enterprises, 365, 42, LocalDate.of(2025, 3, 1), 2, ZONE))
                    .writeTo(inputDir);
        }
        return EmbeddedRun.signalFiles(inputDir);
    }

    /** Per-evaluation cost on one thread, features precomputed, so only the rule path differs. */
    private void evaluationCosts(Path file, CompiledRuleSet compiled) throws IOException {
        List<EnterpriseFeatures> facts = features(file, 300_000);
        Map<String, RuleEvaluatorFactory> variants = new LinkedHashMap<>();
        for (SessionMode mode : SessionMode.values()) {
            variants.put("Drools " + mode, () -> compiled.newEvaluator(mode));
        }
        variants.put("hand-written Java", () -> new HandWrittenRules(compiled));
        out.printf("%nrule evaluation, one thread, %,d signals with their features%n", facts.size());
        out.printf("%-24s %12s %14s %10s%n", "variant", "ns/signal", "signals/s", "findings");
        for (Map.Entry<String, RuleEvaluatorFactory> v : variants.entrySet()) {
            try (RuleEvaluator evaluator = v.getValue().create()) {
                long[] nanos = new long[rounds + 2];
                long findings = 0;
                for (int r = 0; r < nanos.length; r++) {
                    long start = System.nanoTime();
                    findings = 0;
                    for (EnterpriseFeatures f : facts) {
                        findings += evaluator.evaluate(f, f.signal()).size();
                    }
                    nanos[r] = System.nanoTime() - start;
                }
                long median = median(Arrays.copyOfRange(nanos, 2, nanos.length)); // first two warm the JIT
                out.printf("%-24s %12.0f %,14.0f %,10d%n", v.getKey(), (double) median / facts.size(),
                        facts.size() * 1e9 / median, findings);
            }
        }
    }

    private static List<EnterpriseFeatures> features(Path file, int limit) throws IOException {
        SignalCodec codec = SignalCodec.defaults();
        Map<String, SignalHistory> histories = new java.util.HashMap<>();
        List<EnterpriseFeatures> facts = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines.limit(limit)::iterator) {
                if (codec.decode(line, "bench") instanceof Decoded.Accepted accepted) {
                    Signal s = accepted.signal();
                    SignalHistory h = histories.computeIfAbsent(s.enterpriseId(), k -> new SignalHistory());
                    h.add(Trace.of(s));
                    facts.add(FeatureCalculator.compute(s, h, 0, RiskLevel.NONE));
                }
            }
        }
        return facts;
    }

    private void jobThroughput(List<Path> input, RuleSet library, CompiledRuleSet compiled) throws Exception {
        Map<String, EvaluatorFactory> variants = new LinkedHashMap<>();
        variants.put("Drools (long-lived session)", EvaluatorFactory.drools(SessionMode.LONG_LIVED));
        variants.put("hand-written Java", HandWrittenRules::new);
        Map<String, List<Long>> netMillis = new LinkedHashMap<>();
        Map<String, Set<String>> alertIds = new LinkedHashMap<>();
        long signals = 0;
        out.printf("%nembedded job (MiniCluster, parallelism 2, files in and out): %d warm-up run(s) each, then %d "
                + "alternating runs%n", warmups, rounds);
        for (int round = 1 - warmups; round <= rounds; round++) {
            for (Map.Entry<String, EvaluatorFactory> v : variants.entrySet()) {
                Path outDir = dir.resolve("job-" + (v.getKey().startsWith("Drools") ? "drools" : "java"));
                // Each run starts from a collected heap, as a fresh `laborwatch run` would. Without this, a full
                // collection of the previous runs' state (0.6-0.9 s) fell into some rounds and not others.
                System.gc();
                GcTime gcBefore = GcTime.now();
                JobExecutionResult result = EmbeddedRun.runJob(new EmbeddedRun.Options(input, outDir, library,
                        v.getValue(), RiskConfig.defaults(), SignalCodec.defaults(), 2));
                signals = ((Number) result.getAllAccumulatorResults().get("signals-read")).longValue();
                GcTime gc = GcTime.now().minus(gcBefore);
                out.printf("  %s %-28s %6.1f s   (collector pauses %4.1f s: %d young, %d full)%n",
                        round <= 0 ? "warm-up" : "round " + round, v.getKey(), result.getNetRuntime() / 1000.0,
                        gc.millis() / 1000.0, gc.young(), gc.full());
                if (round > 0) {
                    netMillis.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(result.getNetRuntime());
                } else if (round == 0) {
                    alertIds.put(v.getKey(), alertIds(outDir));
                }
            }
        }
        boolean same = new HashSet<>(alertIds.values()).size() == 1;
        out.printf("%n%-30s %10s %12s %14s %8s%n", "job variant", "signals", "median s", "signals/s", "ratio");
        // The hand-written variant is the ceiling every ratio is taken against.
        double baseline = signals * 1000.0 / median(netMillis.get("hand-written Java").stream()
                .mapToLong(Long::longValue).toArray());
        for (Map.Entry<String, List<Long>> v : netMillis.entrySet()) {
            long median = median(v.getValue().stream().mapToLong(Long::longValue).toArray());
            double rate = signals * 1000.0 / median;
            out.printf("%-30s %,10d %12.1f %,14.0f %8.2f%n", v.getKey(), signals, median / 1000.0, rate,
                    rate / baseline);
        }
        out.printf("alerts: %s%n", alertIds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
                .toList());
        if (!same) {
            throw new IllegalStateException("the two variants raised different alerts: the figures are not comparable");
        }
        out.println("both variants raised the same alert ids");
    }

    private static Set<String> alertIds(Path outDir) throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> files = Files.list(outDir.resolve("parts").resolve("alerts"))) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    lines.forEach(line -> ids.add(line.substring(7, line.indexOf('"', 7))));
                }
            }
        }
        return ids;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Collector pauses so far, from the JVM's own counters (Parallel GC: young and full collections). */
    private record GcTime(long millis, long young, long full) {
        static GcTime now() {
            long millis = 0;
            long young = 0;
            long full = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                millis += Math.max(0, gc.getCollectionTime());
                boolean isFull = gc.getName().contains("MarkSweep") || gc.getName().contains("Old");
                if (isFull) {
                    full += gc.getCollectionCount();
                } else {
                    young += gc.getCollectionCount();
                }
            }
            return new GcTime(millis, young, full);
        }

        GcTime minus(GcTime before) {
            return new GcTime(millis - before.millis, young - before.young, full - before.full);
        }
    }

    @FunctionalInterface
    private interface RuleEvaluatorFactory {
        RuleEvaluator create();
    }
}
