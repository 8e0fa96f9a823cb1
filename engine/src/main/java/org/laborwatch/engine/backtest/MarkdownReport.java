package org.laborwatch.engine.backtest;

import java.util.List;

/** A backtest report as Markdown: its sections as headings, sentences and pipe tables. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(String title, List<Section> sections) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n");
        for (Section section : sections) {
            md.append('\n').append("#".repeat(section.depth())).append(' ').append(section.heading()).append("\n\n");
            section.notes().forEach(note -> md.append(note).append("\n\n"));
            if (!section.rows().isEmpty()) {
                row(md, section.header());
                md.append('|').append(" --- |".repeat(section.header().size())).append('\n');
                section.rows().forEach(row -> row(md, row));
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        // A bar inside a cell would end it early; names are data and may hold one.
        cells.forEach(cell -> md.append(' ').append(cell.replace("|", "\\|").replace('\n', ' ')).append(" |"));
        md.append('\n');
    }
}
