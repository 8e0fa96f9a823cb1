package org.laborwatch.engine.backtest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * A backtest report as one HTML page that works opened from disk, offline: Chart.js is read from its webjar on the
 * classpath and inlined, the figures travel as JSON inside the page, and nothing is fetched from anywhere.
 */
final class HtmlReport {
    private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private HtmlReport() {
    }

    /**
     * @param data the charts' figures as JSON (see {@link ChartData})
     * @param sets  how many rule sets the data holds charts for
     * @param leads whether it holds the lead changes (a comparison against a ground truth)
     */
    static String render(String title, List<Section> sections, String data, int sets, boolean leads)
            throws IOException {
        StringBuilder html = new StringBuilder(400_000);
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        section(html, sections.get(0));
        charts(html, sets, leads);
        sections.subList(1, sections.size()).forEach(s -> section(html, s));
        // In a script element only "</" could end it early; JSON keeps its meaning with "<" escaped.
        html.append("<script type=\"application/json\" id=\"backtest-data\">").append(data.replace("<", "\\u003c"))
                .append("</script>\n<script>").append(chartJs()).append("</script>\n<script>").append(DRAW)
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Chart.js's UMD bundle as the webjar on the classpath has it, without its source-map comment. */
    static String chartJs() throws IOException {
        String version = webjarVersion();
        String path = WEBJAR + version + "/dist/chart.umd.js";
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("Chart.js is missing from the classpath (" + path + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^//# sourceMappingURL=.*$", "");
        }
    }

    private static String webjarVersion() throws IOException {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IOException("the Chart.js webjar is missing from the classpath (" + WEBJAR_POM + ")");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        }
    }

    private static void charts(StringBuilder html, int sets, boolean leads) {
        html.append("<h2>图表 (charts)</h2>\n");
        for (int i = 0; i < sets; i++) {
            html.append("<h3 id=\"set-").append(i).append("\"></h3>\n<div class=\"charts\">")
                    .append("<div class=\"chart\"><canvas id=\"levels-").append(i).append("\"></canvas></div>")
                    .append("<div class=\"chart\"><canvas id=\"agencies-").append(i).append("\"></canvas></div>")
                    .append("</div>\n");
        }
        if (sets > 1) {
            html.append("<div class=\"charts\"><div class=\"chart\"><canvas id=\"workload\"></canvas></div>");
            if (leads) {
                html.append("<div class=\"chart\"><canvas id=\"leads\"></canvas></div>");
            }
            html.append("</div>\n");
        }
    }

    private static void section(StringBuilder html, Section section) {
        String h = "h" + section.depth();
        html.append('<').append(h).append('>').append(escape(section.heading())).append("</").append(h).append(">\n");
        section.notes().forEach(note -> html.append("<p>").append(escape(note)).append("</p>\n"));
        if (section.rows().isEmpty()) {
            return;
        }
        html.append("<table>\n<thead>");
        row(html, "th", section.header());
        html.append("</thead>\n<tbody>\n");
        section.rows().forEach(row -> row(html, "td", row));
        html.append("</tbody>\n</table>\n");
    }

    private static void row(StringBuilder html, String cell, List<String> cells) {
        html.append("<tr>");
        cells.forEach(text -> html.append('<').append(cell).append('>').append(escape(text))
                .append("</").append(cell).append('>'));
        html.append("</tr>\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}
            th:first-child,td:first-child{text-align:left}
            thead{background:#f2f2f2}
            .charts{display:flex;flex-wrap:wrap;gap:1em}
            .chart{flex:1 1 560px;max-width:900px;height:340px}
            """;

    /** Draws the charts from the page's JSON; see ChartData for its shape. */
    private static final String DRAW = """
            (function () {
              const d = JSON.parse(document.getElementById('backtest-data').textContent);
              const levelColors = {RED: 'red', ORANGE: 'orange', YELLOW: '#e6b800', BLUE: 'blue'};
              const agencyColors = ['#c0392b', '#2e86c1', '#7d3c98', '#148f77', '#b9770e'];
              const base = {responsive: true, maintainAspectRatio: false, animation: false};
              // One scale for every rule set's charts, so two sets compare at a glance.
              const weekly = function (set, keys) { return d.weeks.map(function (w, i) {
                return keys.reduce(function (sum, k) { return sum + set[k][i]; }, 0); }); };
              const levelMax = Math.max.apply(null, d.sets.flatMap(function (s) {
                return weekly(s.byLevel, d.levels); }).concat([1]));
              const agencyMax = Math.max.apply(null, d.sets.flatMap(function (s) {
                return d.agencies.flatMap(function (a) { return s.byAgency[a]; }); }).concat([1]));
              d.sets.forEach(function (set, i) {
                document.getElementById('set-' + i).textContent = set.title;
                new Chart(document.getElementById('levels-' + i), {type: 'bar',
                  data: {labels: d.weeks, datasets: d.levels.map(function (l) {
                    return {label: d.levelLabels[l], data: set.byLevel[l], backgroundColor: levelColors[l]};
                  })},
                  options: Object.assign({}, base, {plugins: {title: {display: true, text: d.titles.levels}},
                    scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, max: levelMax}}})});
                new Chart(document.getElementById('agencies-' + i), {type: 'line',
                  data: {labels: d.weeks, datasets: d.agencies.map(function (a, j) {
                    return {label: d.agencyLabels[a], data: set.byAgency[a], borderColor: agencyColors[j],
                      backgroundColor: agencyColors[j], pointRadius: 0, cubicInterpolationMode: 'monotone'};
                  })},
                  options: Object.assign({}, base, {plugins: {title: {display: true, text: d.titles.agencies}},
                    scales: {y: {beginAtZero: true, max: agencyMax}}})});
              });
              if (d.workload) {
                new Chart(document.getElementById('workload'), {type: 'bar',
                  data: {labels: d.agencies.map(function (a) { return d.agencyLabels[a]; }), datasets: [
                    {label: d.workload.candidateLabel, data: d.workload.candidate, backgroundColor: '#2e86c1'},
                    {label: d.workload.baselineLabel, data: d.workload.baseline, backgroundColor: '#aab7b8'}]},
                  options: Object.assign({}, base, {plugins: {title: {display: true, text: d.titles.workload}},
                    scales: {y: {beginAtZero: true}}})});
              }
              if (d.leads) {
                new Chart(document.getElementById('leads'), {type: 'bar',
                  data: {labels: d.leads.labels, datasets: [{label: d.titles.leads, data: d.leads.counts,
                    backgroundColor: d.leads.colors}]},
                  options: Object.assign({}, base, {plugins: {legend: {display: false},
                    title: {display: true, text: d.titles.leads}}, scales: {y: {beginAtZero: true}}})});
              }
            })();
            """;
}
