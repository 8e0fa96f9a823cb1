package org.laborwatch.connectors.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the plain shape of a signal straight from its UTF-8 bytes: one flat object of the known fields, strings
 * without escapes, unsigned numbers without exponents, {@code attributes} holding plain strings. That is how every
 * source writes signals; a record with anything else (an escape, an unknown field, a negative or odd number, bad
 * UTF-8, a syntax error) makes {@link #scan} return null, and {@link SignalCodec} reads it with Jackson's parser,
 * which also words the rejection.
 *
 * <p>Why: Jackson's general parser was two thirds of the decoders' time in profiles (a parser, a context and buffers
 * per record, and a generic token loop; docs/benchmarks.md). What this accepts, it must read exactly as Jackson does:
 * {@code PlainSignalScannerTest} decodes generated and mutated records both ways and compares.
 */
final class PlainSignalScanner {
    private static final int MAX_NUMBER_LENGTH = 40;
    private final byte[] in;
    private int at;

    private PlainSignalScanner(byte[] in) {
        this.in = in;
    }

    /** The fields as Jackson would read them, or null when the record is not of the plain shape. */
    static SignalCodec.Fields scan(byte[] utf8) {
        return new PlainSignalScanner(utf8).object();
    }

    private SignalCodec.Fields object() {
        SignalCodec.Fields f = new SignalCodec.Fields();
        if (!skipSpaceAnd('{')) {
            return null;
        }
        skipSpace();
        if (peek() == '}') {
            at++;
            return end() ? f : null;
        }
        do {
            if (!field(f)) {
                return null;
            }
        } while (skipSpaceAnd(','));
        return skipSpaceAnd('}') && end() ? f : null;
    }

    /** Only white space after the object. */
    private boolean end() {
        skipSpace();
        return at == in.length;
    }

    private boolean field(SignalCodec.Fields f) {
        skipSpace();
        String name = string();
        if (name == null || !skipSpaceAnd(':')) {
            return false;
        }
        skipSpace();
        if (literalNull()) {
            if (!known(name)) {
                return false;
            }
            f.set(name, null);
            return true;
        }
        Object value = switch (name) {
            case "amount" -> decimal();
            case "workers", "months" -> whole();
            case "attributes" -> attributes();
            default -> SignalCodec.Fields.isText(name) ? string() : null; // Jackson skips unknown fields, any shape
        };
        if (value == null) {
            return false;
        }
        f.set(name, value);
        return true;
    }

    private static boolean known(String name) {
        return SignalCodec.Fields.isText(name) || switch (name) {
            case "amount", "workers", "months", "attributes" -> true;
            default -> false;
        };
    }

    /** A string without escapes or control characters, in well-formed UTF-8; null otherwise. */
    private String string() {
        if (peek() != '"') {
            return null;
        }
        int start = ++at;
        boolean ascii = true;
        while (at < in.length) {
            int b = in[at] & 0xff;
            if (b == '"') {
                if (!ascii && !isWellFormedUtf8(in, start, at)) {
                    return null;
                }
                String s = new String(in, start, at - start, ascii ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8);
                at++;
                return s;
            }
            if (b == '\\' || b < 0x20) {
                return null;
            }
            ascii &= b < 0x80;
            at++;
        }
        return null;
    }

    /**
     * Digits, optionally a point and digits: what {@code new BigDecimal} reads as Jackson's parser hands it over. Long
     * numbers go to Jackson, which has its own limit on them (and any amount that long is rejected anyway).
     */
    private BigDecimal decimal() {
        int start = at;
        if (!digits()) {
            return null;
        }
        if (peek() == '.') {
            at++;
            if (!anyDigits()) {
                return null;
            }
        }
        if (peek() == 'e' || peek() == 'E' || at - start > MAX_NUMBER_LENGTH) {
            return null;
        }
        return new BigDecimal(new String(in, start, at - start, StandardCharsets.ISO_8859_1));
    }

    /** A whole number that fits an int: at most nine digits, so no overflow to check. */
    private Integer whole() {
        int start = at;
        if (!digits() || at - start > 9 || peek() == '.' || peek() == 'e' || peek() == 'E') {
            return null;
        }
        int value = 0;
        for (int i = start; i < at; i++) {
            value = value * 10 + (in[i] - '0');
        }
        return value;
    }

    /** One or more digits, no leading zero unless it is the only digit (JSON's rule). */
    private boolean digits() {
        if (!isDigit(peek())) {
            return false;
        }
        boolean leadingZero = peek() == '0';
        int start = at;
        anyDigits();
        return !leadingZero || at - start == 1;
    }

    private boolean anyDigits() {
        int start = at;
        while (isDigit(peek())) {
            at++;
        }
        return at > start;
    }

    private Map<String, String> attributes() {
        if (peek() != '{') {
            return null;
        }
        at++;
        Map<String, String> values = new HashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return values;
        }
        do {
            skipSpace();
            String key = string();
            if (key == null || !skipSpaceAnd(':')) {
                return null;
            }
            skipSpace();
            String value = string();
            if (value == null) {
                return null; // numbers, booleans and nulls are rare: Jackson's path reads them
            }
            values.put(key, value);
        } while (skipSpaceAnd(','));
        return skipSpaceAnd('}') ? values : null;
    }

    private boolean literalNull() {
        if (at + 4 <= in.length && in[at] == 'n' && in[at + 1] == 'u' && in[at + 2] == 'l' && in[at + 3] == 'l') {
            at += 4;
            return true;
        }
        return false;
    }

    private boolean skipSpaceAnd(char c) {
        skipSpace();
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    /** JSON's white space: space, tab, line feed, carriage return. */
    private void skipSpace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r')) {
            at++;
        }
    }

    private int peek() {
        return at < in.length ? in[at] : -1;
    }

    /**
     * Well-formed UTF-8 as the JDK defines it (no overlong forms, no surrogates, nothing past U+10FFFF): then the JDK
     * and Jackson decode the same characters. Anything else is Jackson's to judge.
     */
    static boolean isWellFormedUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int lead = b[i] & 0xff;
            int length;
            int min2 = 0x80;
            int max2 = 0xbf;
            if (lead < 0x80) {
                i++;
                continue;
            } else if (lead >= 0xc2 && lead <= 0xdf) {
                length = 2;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                length = 3;
                min2 = lead == 0xe0 ? 0xa0 : 0x80;
                max2 = lead == 0xed ? 0x9f : 0xbf;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                length = 4;
                min2 = lead == 0xf0 ? 0x90 : 0x80;
                max2 = lead == 0xf4 ? 0x8f : 0xbf;
            } else {
                return false;
            }
            if (i + length > to) {
                return false;
            }
            int second = b[i + 1] & 0xff;
            if (second < min2 || second > max2) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                int next = b[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }
}
