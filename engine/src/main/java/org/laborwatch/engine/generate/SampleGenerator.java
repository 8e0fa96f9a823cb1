package org.laborwatch.engine.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

/**
 * Generates a city's year of enterprise signals: mostly healthy background, some enterprises under stress that
 * recovers, and planted troubled enterprises whose trouble builds as it does in life — social-insurance and utility
 * arrears first, then payroll delays, complaints and consultations, then wage arrears, and after the eruption
 * arbitration, lawsuits and case outcomes. More trouble before the Spring Festival and in construction.
 *
 * <p>Deterministic per seed. The signals file is in arrival order: mostly event-time order, with some signals late
 * and some delivered twice, as real feeds are.
 */
public final class SampleGenerator {
    /** Spring Festival (春节) dates: wage disputes peak in the weeks before it, when workers go home. */
    static final Map<Integer, LocalDate> SPRING_FESTIVAL = Map.of(
            2024, LocalDate.of(2024, 2, 10), 2025, LocalDate.of(2025, 1, 29), 2026, LocalDate.of(2026, 2, 17),
            2027, LocalDate.of(2027, 2, 6), 2028, LocalDate.of(2028, 1, 26));
    private static final String[] DIVISIONS = {
        "370202", "370203", "370213", "370212", "370214", "370211", "370215", "370281", "370283", "370285"};
    private static final String[] DISTRICTS = {
        "市南区", "市北区", "李沧区", "崂山区", "城阳区", "黄岛区", "即墨区", "胶州市", "平度市", "莱西市"};
    private static final int[] DISTRICT_WEIGHTS = {9, 10, 8, 8, 12, 18, 11, 9, 8, 7};
    private static final double TROUBLED_SHARE = 0.04;
    private static final double STRESSED_SHARE = 0.06;
    private static final double LATE_SHARE = 0.015;
    private static final double DUPLICATE_SHARE = 0.02;

    public record Options(int enterprises, int days, long seed, LocalDate start, int shards, ZoneId zone,
                          TroubleShape trouble) {
        public Options(int enterprises, int days, long seed, LocalDate start, int shards, ZoneId zone) {
            this(enterprises, days, seed, start, shards, zone, TroubleShape.USUAL);
        }

        public static Options defaults() {
            return new Options(6050, 365, 42, LocalDate.of(2025, 3, 1), 1, ZoneId.of("Asia/Shanghai"));
        }
    }

    public record Result(List<Enterprise> enterprises, long signals, long deliveries, List<Path> files,
                         Path truth) {
    }

    private final Options options;
    private final SplittableRandom random;
    private final CompanyNames names;
    private final Instant start;
    private final Instant end;
    private long nextId;

    public SampleGenerator(Options options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.names = new CompanyNames(random.split());
        this.start = options.start().atStartOfDay(options.zone()).toInstant();
        this.end = options.start().plusDays(options.days()).atStartOfDay(options.zone()).toInstant();
    }

    public Result writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Enterprise> enterprises = enterprises();
        List<Delivery> deliveries = new ArrayList<>();
        long signals = 0;
        for (Enterprise e : enterprises) {
            Timeline t = new Timeline(e, random.split());
            switch (e.profile()) {
                case HEALTHY -> background(t);
                case STRESSED -> {
                    background(t);
                    stress(t);
                }
                case TROUBLED -> {
                    background(t);
                    trouble(t);
                }
            }
            signals += t.signals.size();
            deliver(t, deliveries);
        }
        deliveries.sort(Comparator.comparingLong(Delivery::arrivesAt).thenComparing(d -> d.signal.id()));
        List<Path> files = write(dir, deliveries);
        Path truth = GroundTruth.write(dir.resolve(GroundTruth.FILE_NAME), enterprises);
        return new Result(enterprises, signals, deliveries.size(), files, truth);
    }

    private List<Enterprise> enterprises() {
        List<Enterprise> list = new ArrayList<>(options.enterprises());
        for (int i = 0; i < options.enterprises(); i++) {
            Industry industry = pickIndustry();
            int district = pickDistrict();
            int workers = (int) Math.min(3000, Math.round(Math.exp(2.5 + random.nextDouble() * 3.5)));
            double troubled = TROUBLED_SHARE * industry.troubleFactor / 1.25;
            double roll = random.nextDouble();
            Profile profile = roll < troubled ? Profile.TROUBLED
                    : roll < troubled + STRESSED_SHARE ? Profile.STRESSED : Profile.HEALTHY;
            LocalDate erupts = profile == Profile.TROUBLED ? eruptionDate(industry) : null;
            list.add(new Enterprise(names.creditCode(DIVISIONS[district]), names.name(industry),
                    DISTRICTS[district], industry.label, workers, profile, erupts));
        }
        return list;
    }

    private Industry pickIndustry() {
        int total = 0;
        for (Industry i : Industry.values()) {
            total += i.share;
        }
        int roll = random.nextInt(total);
        for (Industry i : Industry.values()) {
            roll -= i.share;
            if (roll < 0) {
                return i;
            }
        }
        return Industry.MANUFACTURING;
    }

    private int pickDistrict() {
        int total = 0;
        for (int w : DISTRICT_WEIGHTS) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < DISTRICT_WEIGHTS.length; i++) {
            roll -= DISTRICT_WEIGHTS[i];
            if (roll < 0) {
                return i;
            }
        }
        return 0;
    }

    /** Two in five eruptions come in the six weeks before the Spring Festival; the rest spread over the year. */
    private LocalDate eruptionDate(Industry industry) {
        LocalDate first = options.start().plusDays(Math.min(110, options.days() / 3));
        LocalDate last = options.start().plusDays(options.days() - 10);
        double festivalShare = industry == Industry.CONSTRUCTION ? 0.55 : 0.4;
        LocalDate festival = springFestivalWithin(first, last);
        if (festival != null && random.nextDouble() < festivalShare) {
            LocalDate candidate = festival.minusDays(1 + random.nextInt(45));
            if (!candidate.isBefore(first)) {
                return candidate;
            }
        }
        long span = ChronoUnit.DAYS.between(first, last);
        return first.plusDays(span <= 0 ? 0 : random.nextLong(span));
    }

    private LocalDate springFestivalWithin(LocalDate from, LocalDate to) {
        for (LocalDate d : SPRING_FESTIVAL.values()) {
            if (!d.isBefore(from) && !d.isAfter(to)) {
                return d;
            }
        }
        return null;
    }

    /** Consultations (about 20,000 a year over 6,050 enterprises), the odd complaint and one-off events. */
    private void background(Timeline t) {
        double sizeFactor = 0.5 + Math.log10(Math.max(10, t.e.workers())) / 2;
        double yearShare = options.days() / 365.0;
        t.poisson(SignalType.CONSULTATION, 2.1 * sizeFactor * yearShare);
        t.poisson(SignalType.COMPLAINT, 0.25 * yearShare);
        t.poisson(SignalType.SOCIAL_INSURANCE_ARREARS, 0.03 * yearShare);
        t.poisson(SignalType.UTILITY_ARREARS, 0.04 * yearShare);
        t.poisson(SignalType.ARBITRATION_CASE, 0.05 * yearShare);
        t.poisson(SignalType.LAWSUIT, 0.02 * yearShare);
        t.poisson(SignalType.LEGAL_AID, 0.02 * yearShare);
        t.poisson(SignalType.LAYOFF, 0.02 * yearShare);
        t.poisson(SignalType.PAYROLL_DELAY, 0.03 * yearShare);
        if (t.r.nextDouble() < 0.1) {
            // A registry update gives the insured headcount as its workers: the enterprise's size for the rules.
            t.add(SignalType.ENTERPRISE_STATUS, t.anyDay(), SignalSource.HRSS, null, t.e.workers(), null,
                    Map.of("status", "NORMAL"));
        }
    }

    /**
     * Cash trouble that is caught and recovers. About a third come close to a dispute — months of arrears, payroll
     * delays, a wave of complaints — and are then settled: the hard false alarms an engine must live with.
     */
    private void stress(Timeline t) {
        Instant from = t.anyDay();
        boolean nearMiss = t.r.nextDouble() < 0.35;
        int siMonths = nearMiss ? 2 + t.r.nextInt(2) : 1 + t.r.nextInt(2);
        for (int m = 1; m <= siMonths; m++) {
            t.arrears(SignalType.SOCIAL_INSURANCE_ARREARS, from.plus(Duration.ofDays(30L * (m - 1))), m);
        }
        if (nearMiss || t.r.nextDouble() < 0.5) {
            int months = 1 + t.r.nextInt(nearMiss ? 3 : 2);
            for (int m = 1; m <= months; m++) {
                t.arrears(SignalType.UTILITY_ARREARS, from.plus(Duration.ofDays(10 + 30L * (m - 1))), m);
            }
        }
        int delays = nearMiss ? 1 + t.r.nextInt(2) : t.r.nextDouble() < 0.4 ? 1 : 0;
        for (int i = 0; i < delays; i++) {
            t.add(SignalType.PAYROLL_DELAY, t.after(from, 20, 75), SignalSource.BANK, null, t.someWorkers(), null,
                    Map.of());
        }
        if (nearMiss || t.r.nextDouble() < 0.25) {
            Instant burst = t.after(from, 30, 80);
            int complaints = nearMiss ? 3 + t.r.nextInt(4) : 2 + t.r.nextInt(3);
            for (int i = 0; i < complaints; i++) {
                t.complaint(t.after(burst, 0, 20), "P" + t.r.nextInt(1_000_000));
            }
        }
        if (t.r.nextDouble() < (nearMiss ? 0.4 : 0.1)) {
            t.wageArrears(t.after(from, 40, 90), 1, t.someWorkers() / 3 + 1);
        }
        for (int i = 0; i < 2 + t.r.nextInt(3); i++) {
            t.add(SignalType.CONSULTATION, t.after(from, 0, 90), SignalSource.UNION, null, null, null,
                    Map.of("complainant", "P" + t.r.nextInt(1_000_000), "channel", "工会热线"));
        }
    }

    /** The life of a dispute, counted back from its eruption date. */
    private void trouble(Timeline t) {
        Instant erupts = t.e.eruptsOn().atTime(10, 0).atZone(options.zone()).toInstant();
        // Some disputes come out of nowhere the data can see: no arrears reported, little said beforehand.
        boolean sudden = t.r.nextDouble() < 0.15;
        if (!sudden && options.trouble() == TroubleShape.SLOW_DECLINE) {
            slowDecline(t, erupts);
        } else if (!sudden && t.r.nextDouble() < 0.85) {
            precursors(t, erupts.minus(Duration.ofDays(60 + t.r.nextInt(90))), erupts);
        }
        if (!sudden && options.trouble() == TroubleShape.USUAL) {
            buildUp(t, erupts);
        }
        eruption(t, erupts);
        aftermath(t, erupts);
    }

    private void precursors(Timeline t, Instant onset, Instant erupts) {
        int month = 1;
        for (Instant at = onset; at.isBefore(erupts.plus(Duration.ofDays(30))); at = at.plus(Duration.ofDays(30))) {
            t.arrears(SignalType.SOCIAL_INSURANCE_ARREARS, t.jitter(at, 3), month++);
        }
        if (t.r.nextDouble() < 0.7) {
            int utilityMonth = 1;
            for (Instant at = t.after(onset, 0, 40); at.isBefore(erupts); at = at.plus(Duration.ofDays(30))) {
                t.arrears(SignalType.UTILITY_ARREARS, t.jitter(at, 3), utilityMonth++);
            }
        }
        if (t.r.nextDouble() < 0.4) {
            t.add(SignalType.TAX_ARREARS, t.after(onset, 10, 60), SignalSource.TAX,
                    money(t.r, 20_000, 400_000), null, null, Map.of());
        }
        if (t.r.nextDouble() < 0.25) {
            t.add(SignalType.ENTERPRISE_STATUS, t.before(erupts, 0, 20), SignalSource.HRSS, null, t.e.workers(), null,
                    Map.of("status", "ABNORMAL", "note", "列入经营异常名录"));
        }
    }

    /**
     * {@link TroubleShape#SLOW_DECLINE}: four to seven months of social-insurance arrears, payroll delays every month
     * or two, and a growing stream of workers consulting the union and legal aid; nothing the wage-arrears and
     * complaint rules see until the eruption.
     */
    private void slowDecline(Timeline t, Instant erupts) {
        Instant onset = erupts.minus(Duration.ofDays(120 + t.r.nextInt(90)));
        int month = 1;
        for (Instant at = onset; at.isBefore(erupts); at = at.plus(Duration.ofDays(30))) {
            t.arrears(SignalType.SOCIAL_INSURANCE_ARREARS, t.jitter(at, 3), month++);
        }
        Instant delay = t.after(onset, 15, 45);
        for (; delay.isBefore(erupts); delay = delay.plus(Duration.ofDays(35 + t.r.nextInt(30)))) {
            t.add(SignalType.PAYROLL_DELAY, t.jitter(delay, 5), SignalSource.BANK, null, t.someWorkers(), null,
                    Map.of());
        }
        for (int i = 0; i < 6 + t.r.nextInt(10); i++) {
            // Consultations bunch towards the end, as more workers learn that something is wrong.
            int daysBefore = (int) Math.round(100 * Math.pow(t.r.nextDouble(), 2));
            t.add(SignalType.CONSULTATION, t.before(erupts, daysBefore, daysBefore + 2), SignalSource.UNION, null,
                    null, null, Map.of("complainant", "P" + t.r.nextInt(1_000_000), "channel", "工会热线"));
        }
        for (int i = 0; i < 1 + t.r.nextInt(3); i++) {
            t.add(SignalType.LEGAL_AID, t.before(erupts, 3, 50), SignalSource.JUSTICE, null, 1 + t.r.nextInt(3), null,
                    Map.of("channel", "法律援助咨询"));
        }
    }

    private void buildUp(Timeline t, Instant erupts) {
        int delays = 1 + t.r.nextInt(4);
        for (int i = 0; i < delays; i++) {
            t.add(SignalType.PAYROLL_DELAY, t.before(erupts, 5, 75), SignalSource.BANK, null, t.someWorkers(), null,
                    Map.of());
        }
        int consultations = 2 + t.r.nextInt(8);
        for (int i = 0; i < consultations; i++) {
            t.add(SignalType.CONSULTATION, t.before(erupts, 0, 60), SignalSource.UNION, null, null, null,
                    Map.of("complainant", "P" + t.r.nextInt(1_000_000), "channel", "工会热线"));
        }
        int complaints = t.r.nextInt(10);
        int people = Math.max(1, complaints - t.r.nextInt(3));
        String[] complainants = new String[people];
        for (int i = 0; i < people; i++) {
            complainants[i] = "P" + t.r.nextInt(1_000_000);
        }
        for (int i = 0; i < complaints; i++) {
            t.complaint(t.before(erupts, 0, 40), complainants[i % people]);
        }
        if (t.r.nextDouble() < 0.3) {
            t.add(SignalType.LAYOFF, t.before(erupts, 0, 30), SignalSource.HRSS, null, 20 + t.r.nextInt(180), null,
                    Map.of());
        }
        int arrears = t.r.nextInt(3);
        for (int i = 0; i < arrears; i++) {
            t.wageArrears(t.before(erupts, 1, 25), 1 + i, t.someWorkers());
        }
    }

    private void eruption(Timeline t, Instant erupts) {
        int workers = Math.max(10, Math.min(t.e.workers(), 10 + t.r.nextInt(300)));
        t.wageArrears(erupts, 2 + t.r.nextInt(4), workers);
        double collective = t.e.industry().equals(Industry.CONSTRUCTION.label) ? 0.5 : 0.3;
        if (t.r.nextDouble() < collective) {
            t.add(SignalType.COLLECTIVE_INCIDENT, t.jitter(erupts, 1), SignalSource.HOTLINE_12345, null, workers,
                    null, Map.of("channel", "12345"));
        }
        for (int i = 0; i < 2 + t.r.nextInt(5); i++) {
            t.complaint(t.after(erupts, 0, 3), "P" + t.r.nextInt(1_000_000));
        }
    }

    private void aftermath(Timeline t, Instant erupts) {
        for (int i = 0; i < 1 + t.r.nextInt(4); i++) {
            t.add(SignalType.ARBITRATION_CASE, t.after(erupts, 5, 60), SignalSource.HRSS,
                    money(t.r, 10_000, 200_000), 1 + t.r.nextInt(10), null, Map.of());
        }
        for (int i = 0; i < t.r.nextInt(3); i++) {
            t.add(SignalType.LAWSUIT, t.after(erupts, 30, 120), SignalSource.COURT, money(t.r, 20_000, 500_000),
                    1 + t.r.nextInt(20), null, Map.of());
        }
        for (int i = 0; i < 1 + t.r.nextInt(3); i++) {
            t.add(SignalType.LEGAL_AID, t.after(erupts, 1, 40), SignalSource.JUSTICE, null, 1 + t.r.nextInt(5),
                    null, Map.of());
        }
        boolean mediated = t.r.nextDouble() < 0.7;
        t.add(SignalType.CASE_OUTCOME, t.after(erupts, 20, 90), SignalSource.HRSS,
                mediated ? money(t.r, 50_000, 2_000_000) : BigDecimal.ZERO, t.someWorkers(), null,
                Map.of("outcome", mediated ? "MEDIATED" : "UNRESOLVED"));
    }

    private void deliver(Timeline t, List<Delivery> deliveries) {
        for (Signal s : t.signals) {
            long at = s.occurredAtMillis();
            long arrives = at;
            double roll = t.r.nextDouble();
            if (roll < LATE_SHARE) {
                arrives += Duration.ofHours(1 + t.r.nextInt(47)).toMillis();
            }
            deliveries.add(new Delivery(arrives, s));
            if (t.r.nextDouble() < DUPLICATE_SHARE) {
                deliveries.add(new Delivery(arrives + Duration.ofMinutes(1 + t.r.nextInt(360)).toMillis(), s));
            }
        }
    }

    private List<Path> write(Path dir, List<Delivery> deliveries) throws IOException {
        SignalCodec codec = SignalCodec.defaults();
        int shards = Math.max(1, options.shards());
        List<Path> files = new ArrayList<>();
        List<BufferedWriter> writers = new ArrayList<>();
        try {
            for (int i = 0; i < shards; i++) {
                Path file = dir.resolve(shards == 1 ? "signals.jsonl" : String.format("signals-%02d.jsonl", i));
                files.add(file);
                writers.add(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            }
            for (Delivery d : deliveries) {
                BufferedWriter w = writers.get(Math.floorMod(d.signal.enterpriseId().hashCode(), shards));
                w.write(codec.encode(d.signal));
                w.write('\n');
            }
        } finally {
            for (BufferedWriter w : writers) {
                w.close();
            }
        }
        return files;
    }

    private static BigDecimal money(SplittableRandom r, int min, int max) {
        return BigDecimal.valueOf(min + r.nextInt(max - min) / 100 * 100L);
    }

    private record Delivery(long arrivesAt, Signal signal) {
    }

    /** One enterprise's signals as they are planted; times are clamped to the generated year. */
    private final class Timeline {
        final Enterprise e;
        final SplittableRandom r;
        final List<Signal> signals = new ArrayList<>();

        Timeline(Enterprise e, SplittableRandom r) {
            this.e = e;
            this.r = r;
        }

        void poisson(SignalType type, double mean) {
            int n = poissonCount(mean);
            for (int i = 0; i < n; i++) {
                switch (type) {
                    case CONSULTATION -> add(type, anyDay(), r.nextBoolean() ? SignalSource.UNION
                            : SignalSource.HOTLINE_12345, null, null, null,
                            Map.of("complainant", "P" + r.nextInt(1_000_000), "channel", "法律咨询"));
                    case COMPLAINT -> complaint(anyDay(), "P" + r.nextInt(1_000_000));
                    case SOCIAL_INSURANCE_ARREARS, UTILITY_ARREARS -> arrears(type, anyDay(), 1);
                    case ARBITRATION_CASE -> add(type, anyDay(), SignalSource.HRSS, money(r, 5_000, 80_000), 1, null,
                            Map.of());
                    case LAWSUIT -> add(type, anyDay(), SignalSource.COURT, money(r, 10_000, 100_000), 1, null,
                            Map.of());
                    case LAYOFF -> add(type, anyDay(), SignalSource.HRSS, null, 3 + r.nextInt(25), null,
                            Map.of("compensation", "PAID"));
                    default -> add(type, anyDay(), sourceFor(type), null, someWorkers(), null, Map.of());
                }
            }
        }

        void complaint(Instant at, String complainant) {
            add(SignalType.COMPLAINT, at, r.nextBoolean() ? SignalSource.HOTLINE_12345 : SignalSource.UNION, null,
                    1 + r.nextInt(3), null, Map.of("complainant", complainant, "channel", "12345热线"));
        }

        void arrears(SignalType type, Instant at, int months) {
            double perWorkerMonth = type == SignalType.SOCIAL_INSURANCE_ARREARS ? 1_200 : 0;
            BigDecimal amount = type == SignalType.SOCIAL_INSURANCE_ARREARS
                    ? BigDecimal.valueOf(Math.round(perWorkerMonth * e.workers() * months))
                    : money(r, 2_000, 60_000);
            add(type, at, sourceFor(type), amount, type == SignalType.SOCIAL_INSURANCE_ARREARS ? e.workers() : null,
                    months, Map.of());
        }

        void wageArrears(Instant at, int months, int workers) {
            BigDecimal amount = BigDecimal.valueOf((long) workers * months * (4_000 + r.nextInt(3_000)));
            add(SignalType.WAGE_ARREARS, at, SignalSource.HRSS, amount, workers, months,
                    Map.of("channel", "劳动监察"));
        }

        void add(SignalType type, Instant at, SignalSource source, BigDecimal amount, Integer workers,
                 Integer months, Map<String, String> attributes) {
            if (at.isBefore(start) || !at.isBefore(end)) {
                return;
            }
            // The seed is part of the id: ids are unique per source (DESIGN.md), so two generated cities fed into one
            // stack must not share any (the signal archive keeps the first signal of an id).
            String id = source.name().substring(0, 2) + "-s" + options.seed() + "-" + type.ordinal() + "-" + nextId++;
            signals.add(new Signal(id, type, e.id(), e.name(), e.district(), e.industry(), source, at, amount,
                    workers, months, attributes));
        }

        int someWorkers() {
            return 1 + r.nextInt(Math.max(1, Math.min(e.workers(), 200)));
        }

        Instant anyDay() {
            long days = r.nextLong(Math.max(1, options.days()));
            return officeHours(start.plus(Duration.ofDays(days)));
        }

        Instant before(Instant at, int minDays, int maxDays) {
            return officeHours(at.minus(Duration.ofDays(minDays + r.nextInt(Math.max(1, maxDays - minDays)))));
        }

        Instant after(Instant at, int minDays, int maxDays) {
            return officeHours(at.plus(Duration.ofDays(minDays + r.nextInt(Math.max(1, maxDays - minDays)))));
        }

        Instant jitter(Instant at, int days) {
            return officeHours(at.plus(Duration.ofDays(r.nextInt(2 * days + 1) - days)));
        }

        /** Most reports are filed in office hours; the time of day makes ordering within a day realistic. */
        Instant officeHours(Instant day) {
            Instant midnight = day.atZone(options.zone()).toLocalDate().atStartOfDay(options.zone()).toInstant();
            return midnight.plus(Duration.ofMinutes(8 * 60 + r.nextInt(12 * 60))).plusSeconds(r.nextInt(60));
        }

        private int poissonCount(double mean) {
            double l = Math.exp(-mean);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }

        private SignalSource sourceFor(SignalType type) {
            return switch (type) {
                case SOCIAL_INSURANCE_ARREARS -> SignalSource.SOCIAL_INSURANCE;
                case UTILITY_ARREARS -> SignalSource.UTILITY;
                case TAX_ARREARS -> SignalSource.TAX;
                case PAYROLL_DELAY -> SignalSource.BANK;
                case LAWSUIT -> SignalSource.COURT;
                case LEGAL_AID -> SignalSource.JUSTICE;
                default -> SignalSource.HRSS;
            };
        }
    }
}
