package org.laborwatch.api.letter;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * A letter's text, as drafted from a template and as a user edits it before it is issued; the caller stores it and
 * renders it with {@link Letters#docx} or {@link Letters#pdf}. The layout (centred title, indented paragraphs,
 * signature at the right) is the renderers' job, so the text holds none.
 *
 * <p>{@link #plain()} writes it as plain text and {@link #parse} reads it back, in the form the templates are written
 * in: blocks separated by blank lines — the heading (the title, then the document number on a line of its own, if
 * any), the addressee, one block per body paragraph, and the closing (the issuer's name, then the date). Lines
 * within a paragraph's block are joined without a space, as Chinese text is.
 *
 * @param number the document number (青工函〔2026〕3号), or empty
 */
@Serdeable
public record LetterText(String title, String number, String addressee, List<String> paragraphs, String signature,
        String date) {
    public LetterText {
        title = line(title, "title");
        number = number == null || number.isBlank() ? "" : line(number, "number");
        addressee = line(addressee, "addressee");
        if (paragraphs == null || paragraphs.isEmpty()) {
            throw new IllegalArgumentException("a letter has at least one paragraph");
        }
        paragraphs = paragraphs.stream().map(p -> line(p, "paragraph")).toList();
        signature = line(signature, "signature");
        date = line(date, "date");
    }

    /**
     * Reads the plain form (see the class comment). Surrounding white space, including the ideographic space some
     * editors indent with, is dropped from every line.
     *
     * @throws IllegalArgumentException if the text does not have the heading, addressee, a paragraph and the
     *                                  closing, each where it belongs
     */
    public static LetterText parse(String text) {
        List<List<String>> blocks = blocks(text == null ? "" : text);
        if (blocks.size() < 4) {
            throw new IllegalArgumentException("a letter has a heading, an addressee, at least one paragraph and a "
                    + "closing, separated by blank lines; found " + blocks.size() + " block(s)");
        }
        List<String> heading = blocks.get(0);
        List<String> addressee = blocks.get(1);
        List<String> closing = blocks.get(blocks.size() - 1);
        if (heading.size() > 2) {
            throw new IllegalArgumentException("the heading is the title and the document number, two lines at "
                    + "most; found " + heading.size() + ": " + heading);
        }
        if (addressee.size() != 1) {
            throw new IllegalArgumentException("the addressee is one line; found " + addressee);
        }
        if (closing.size() != 2) {
            throw new IllegalArgumentException("the closing is two lines, the issuer and the date; found " + closing);
        }
        List<String> paragraphs = blocks.subList(2, blocks.size() - 1).stream().map(b -> String.join("", b))
                .toList();
        return new LetterText(heading.get(0), heading.size() == 2 ? heading.get(1) : "",
                stripColon(addressee.get(0)), paragraphs, closing.get(0), closing.get(1));
    }

    /** The plain form, which {@link #parse} reads back to an equal text. */
    public String plain() {
        StringBuilder s = new StringBuilder(title).append('\n');
        if (!number.isEmpty()) {
            s.append(number).append('\n');
        }
        s.append('\n').append(addressee).append("：\n\n");
        paragraphs.forEach(p -> s.append(p).append("\n\n"));
        return s.append(signature).append('\n').append(date).append('\n').toString();
    }

    /** The addressee as the salutation line shows it, with the full-width colon: {@code 青岛某某建筑有限公司：}. */
    public String salutation() {
        return addressee + "：";
    }

    /** A line that is empty once stripped (also one of ideographic spaces) ends a block. */
    private static List<List<String>> blocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : (Iterable<String>) text.lines().map(String::strip)::iterator) {
            if (!line.isEmpty()) {
                block.add(line);
            } else if (!block.isEmpty()) {
                blocks.add(block);
                block = new ArrayList<>();
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** The salutation's colon is the layout's: it is stored without it. */
    private static String stripColon(String addressee) {
        return addressee.endsWith("：") || addressee.endsWith(":")
                ? addressee.substring(0, addressee.length() - 1).strip() : addressee;
    }

    private static String line(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a letter's " + what + " is empty");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a letter's " + what + " is one line: " + value);
        }
        return value.strip();
    }
}
