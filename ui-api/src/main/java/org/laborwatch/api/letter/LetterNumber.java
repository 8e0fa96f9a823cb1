package org.laborwatch.api.letter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A letter's number in the issuing union's yearly series, stored as {@code 2026-0003} (sorts as text) and printed
 * on the letter as the official document number (发文字号) of GB/T 9704-2012: the union's prefix, the year in 六角括号,
 * the sequence without leading zeros and 号, e.g. {@code 青工函〔2026〕3号}. All three kinds share one series per
 * issuer and year; the caller hands out the sequence.
 */
public record LetterNumber(int year, int sequence) {
    private static final Pattern STORED = Pattern.compile("(\\d{4})-(\\d{1,6})");

    public LetterNumber {
        if (year < 1949 || year > 9999) {
            throw new IllegalArgumentException("not a year for a letter: " + year);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("a letter's sequence starts at 1: " + sequence);
        }
    }

    /** {@code 2026-0003} → year 2026, sequence 3. */
    public static LetterNumber parse(String stored) {
        Matcher m = STORED.matcher(stored == null ? "" : stored.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a letter number reads like 2026-0003, not " + stored);
        }
        return new LetterNumber(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** With prefix {@code 青工函}: {@code 青工函〔2026〕3号}. */
    public String official(String prefix) {
        return prefix + "〔" + year + "〕" + sequence + "号";
    }

    /** {@code 2026-0003}. */
    @Override
    public String toString() {
        return String.format("%04d-%04d", year, sequence);
    }
}
