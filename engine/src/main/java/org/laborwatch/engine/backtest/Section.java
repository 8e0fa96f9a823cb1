package org.laborwatch.engine.backtest;

import java.util.List;

/**
 * One part of a backtest report as both renderings show it: a heading, sentences, and a table. The Markdown and the
 * HTML report are written from the same sections, so they cannot say different things.
 *
 * @param depth 2 for a section, 3 for a part of one
 * @param rows  cells as text; the HTML rendering escapes them (enterprise names are data)
 */
record Section(int depth, String heading, List<String> notes, List<String> header, List<List<String>> rows) {

    static Section of(int depth, String heading, List<String> header, List<List<String>> rows, String... notes) {
        return new Section(depth, heading, List.of(notes), header, rows);
    }
}
