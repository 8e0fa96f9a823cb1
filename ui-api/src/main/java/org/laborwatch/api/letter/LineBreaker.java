package org.laborwatch.api.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Breaks a paragraph into lines of a given width, the way Chinese is set: between any two characters, but not
 * inside a run of Latin letters and figures (a credit code, {@code 1,280,000.00}), never with closing punctuation
 * at the start of a line nor opening punctuation at its end (避头尾). Closing punctuation that does not fit hangs
 * into the right margin, as Word's default for Chinese text lets it (允许标点溢出边界), so the DOCX and the PDF
 * break alike; pushing the character before it down instead leaves a gap that justification then spreads thin.
 * Only one mark hangs: a second one takes the character before them to the next line.
 */
final class LineBreaker {
    /** May not start a line. */
    private static final String NO_START = "，。、；：？！）》」』”’〕】〉…—·,.;:?!)]}%";
    /** May not end a line. */
    private static final String NO_END = "（《「『“‘〔【〈([{";

    private LineBreaker() {
    }

    /**
     * @param first   width of the first line (less than the others when it is indented)
     * @param width   width of every other line
     * @param widthOf the width of a piece of text, in the same unit
     */
    static List<String> wrap(String text, double first, double width, ToDoubleFunction<String> widthOf) {
        List<String> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        for (String token : tokens(text, Math.min(first, width), widthOf)) {
            double limit = lines.isEmpty() ? first : width;
            if (line.isEmpty() || measure(line, widthOf) + widthOf.applyAsDouble(token) <= limit) {
                if (!(line.isEmpty() && token.isBlank())) {
                    line.add(token);
                }
                continue;
            }
            List<String> carried = new ArrayList<>();
            if (isOneOf(token, NO_START)) {
                if (measure(line, widthOf) <= limit) {
                    line.add(token);
                    continue;
                }
                while (line.size() > 1 && isOneOf(line.get(line.size() - 1), NO_START)) {
                    carried.add(0, line.remove(line.size() - 1));
                }
                if (line.size() > 1) {
                    carried.add(0, line.remove(line.size() - 1));
                }
            }
            while (line.size() > 1 && isOneOf(line.get(line.size() - 1), NO_END)) {
                carried.add(0, line.remove(line.size() - 1));
            }
            lines.add(String.join("", line).stripTrailing());
            line = carried;
            if (!(line.isEmpty() && token.isBlank())) {
                line.add(token);
            }
        }
        if (!line.isEmpty()) {
            lines.add(String.join("", line).stripTrailing());
        }
        return lines;
    }

    /**
     * Runs of printable ASCII stay together, unless wider than a line; every other character stands alone.
     */
    private static List<String> tokens(String text, double width, ToDoubleFunction<String> widthOf) {
        List<String> tokens = new ArrayList<>();
        StringBuilder latin = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp > 0x20 && cp < 0x7f) {
                latin.appendCodePoint(cp);
                return;
            }
            flush(latin, tokens, width, widthOf);
            tokens.add(new String(Character.toChars(cp)));
        });
        flush(latin, tokens, width, widthOf);
        return tokens;
    }

    private static void flush(StringBuilder latin, List<String> tokens, double width, ToDoubleFunction<String> widthOf) {
        if (latin.length() == 0) {
            return;
        }
        String run = latin.toString();
        if (widthOf.applyAsDouble(run) <= width) {
            tokens.add(run);
        } else {
            run.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
        }
        latin.setLength(0);
    }

    private static double measure(List<String> line, ToDoubleFunction<String> widthOf) {
        return line.stream().mapToDouble(widthOf).sum();
    }

    private static boolean isOneOf(String token, String set) {
        return token.codePointCount(0, token.length()) == 1 && set.contains(token);
    }
}
