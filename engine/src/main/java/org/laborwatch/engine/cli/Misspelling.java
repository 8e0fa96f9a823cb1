package org.laborwatch.engine.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What a misspelt command or option was probably meant to be: the known names within two edits (a letter added,
 * dropped, changed, or two swapped), nearest first. picocli's own suggestions only look at the first letters, so
 * {@code --hlep} found nothing.
 */
final class Misspelling {
    private static final int MAX_EDITS = 2;

    private Misspelling() {
    }

    static List<String> meant(String typed, Collection<String> known) {
        return known.stream()
                .filter(name -> edits(typed, name) <= Math.min(MAX_EDITS, name.length() / 3))
                .sorted(Comparator.comparingInt(name -> edits(typed, name)))
                .toList();
    }

    /** Optimal string alignment distance: Levenshtein with adjacent transpositions. */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
