package org.laborwatch.engine.backtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a backtest's report: {@code report.md} and {@code report.html} from the same sections, and with a baseline
 * the whole comparison lists as CSV ({@code changes.csv}, {@code leads.csv}), which the report shows the top of.
 */
public final class BacktestReport {
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";
    static final String CHANGES_CSV = "changes.csv";
    static final String LEADS_CSV = "leads.csv";

    private BacktestReport() {
    }

    public static void write(Path dir, BacktestRun run) throws IOException {
        Files.createDirectories(dir);
        List<String> weeks = weeks(run);
        List<Section> sections = new ArrayList<>(SummarySections.of(run));
        // An earlier backtest into the same directory must not leave lists this one does not write.
        Files.deleteIfExists(dir.resolve(CHANGES_CSV));
        Files.deleteIfExists(dir.resolve(LEADS_CSV));
        if (run.compared()) {
            sections.addAll(ComparisonSections.of(run));
            changesCsv(dir.resolve(CHANGES_CSV), run.comparison());
            if (run.candidate().quality() != null) {
                leadsCsv(dir.resolve(LEADS_CSV), run.comparison());
            }
        }
        sections.add(Section.of(2, "附表 (appendix)", List.of(), List.of()));
        sections.addAll(SummarySections.weeks(run, weeks));
        String title = title(run);
        Files.writeString(dir.resolve(MARKDOWN), MarkdownReport.render(title, sections), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML), HtmlReport.render(title, sections, ChartData.of(run, weeks),
                run.results().size(), run.compared() && run.candidate().quality() != null), StandardCharsets.UTF_8);
    }

    private static String title(BacktestRun run) {
        return "规则回测报告 (rule backtest): " + run.candidate().ruleSetVersion()
                + (run.compared() ? " 对比 (against) " + run.baseline().ruleSetVersion() : "");
    }

    /**
     * Every ISO week from the first alert of any rule set to the last, quiet weeks included, so the charts' time axis
     * does not close up gaps.
     */
    static List<String> weeks(BacktestRun run) {
        List<LocalDate> firsts = run.results().stream().map(BacktestResult::firstAlertDay).filter(Objects::nonNull)
                .toList();
        if (firsts.isEmpty()) {
            return List.of();
        }
        LocalDate first = Collections.min(firsts);
        LocalDate last = Collections.max(run.results().stream().map(BacktestResult::lastAlertDay)
                .filter(Objects::nonNull).toList());
        return Stream.iterate(first.with(DayOfWeek.MONDAY), day -> !day.isAfter(last), day -> day.plusWeeks(1))
                .map(BacktestResult::isoWeek).toList();
    }

    private static void changesCsv(Path file, Comparison c) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("enterpriseId,name,district,baseline,candidate,troubled\n");
            for (Comparison.Change ch : c.changes()) {
                w.write(csv(ch.enterpriseId(), ch.name(), ch.district(), ch.before().name(), ch.after().name(),
                        ch.troubled() == null ? "" : ch.troubled().toString()));
            }
        }
    }

    private static void leadsCsv(Path file, Comparison c) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("enterpriseId,name,eruptsOn,baselineLeadDays,candidateLeadDays,gainDays\n");
            for (Comparison.LeadChange lead : c.leads()) {
                w.write(csv(lead.enterpriseId(), lead.name(), lead.eruptsOn().toString(), text(lead.before()),
                        text(lead.after()), text(lead.gain())));
            }
        }
    }

    private static String text(Long n) {
        return n == null ? "" : n.toString();
    }

    /** One CSV line; a field with a comma, quote or line break is quoted (names are data). */
    private static String csv(String... fields) {
        List<String> quoted = new ArrayList<>();
        for (String f : fields) {
            String v = f == null ? "" : f;
            quoted.add(v.matches("(?s).*[,\"\\n\\r].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", quoted) + "\n";
    }
}
