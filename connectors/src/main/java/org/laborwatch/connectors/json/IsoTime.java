package org.laborwatch.connectors.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Parses ISO-8601 times with an offset. The common shape, {@code 2025-06-01T09:30:00+08:00} (optionally with a
 * fraction or {@code Z}), is read by hand: {@code OffsetDateTime.parse} costs more than the rest of decoding a
 * signal. Anything else goes to {@code OffsetDateTime.parse}, which also produces the error for bad input.
 */
final class IsoTime {

    private IsoTime() {
    }

    /**
     * The longest time {@link #format(Instant, ZoneId, char[])} writes: a ten-character year, nine digits of fraction
     * and an offset with seconds, {@code -999999999-12-31T23:59:59.999999999+08:05:43}.
     */
    static final int MAX_LENGTH = 44;

    /**
     * ISO-8601 with the zone's offset, always with seconds ({@code 2025-06-01T09:30:00+08:00}); exactly what
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes, built by hand because every alert carries a score of
     * times and the formatter's allocations showed in profiles.
     */
    static String format(Instant instant, ZoneId zone) {
        char[] text = new char[MAX_LENGTH];
        return new String(text, 0, format(instant, zone, text));
    }

    /** Writes {@link #format(Instant, ZoneId)}'s text into {@code out} (at least {@link #MAX_LENGTH} long); its length. */
    static int format(Instant instant, ZoneId zone, char[] out) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, zone));
            text.getChars(0, text.length(), out, 0);
            return text.length();
        }
        int n = pad(out, 0, t.getYear(), 4);
        out[n++] = '-';
        n = pad(out, n, t.getMonthValue(), 2);
        out[n++] = '-';
        n = pad(out, n, t.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = pad(out, n, t.getHour(), 2);
        out[n++] = ':';
        n = pad(out, n, t.getMinute(), 2);
        out[n++] = ':';
        n = pad(out, n, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos > 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            out[n++] = '.';
            n = pad(out, n, nanos, digits);
        }
        String id = offset.getId();
        id.getChars(0, id.length(), out, n);
        return n + id.length();
    }

    /** Writes a value that fits {@code width} digits (format() sends years outside 0..9999 to the JDK) zero-padded. */
    private static int pad(char[] out, int at, int value, int width) {
        for (int unit = pow10(width - 1); unit > 0; unit /= 10) {
            out[at++] = (char) ('0' + value / unit % 10);
        }
        return at;
    }

    private static int pow10(int exponent) {
        int p = 1;
        for (int i = 0; i < exponent; i++) {
            p *= 10;
        }
        return p;
    }

    static Instant parse(String text) {
        Instant fast = fastPath(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** Null when the text is not in the common shape (or not a valid time); the slow path then decides. */
    private static Instant fastPath(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(s, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
