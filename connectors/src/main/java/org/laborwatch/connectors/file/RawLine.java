package org.laborwatch.connectors.file;

import java.nio.charset.StandardCharsets;

/**
 * One line of a JSON Lines file as read, before decoding: the bytes themselves, so the decoder parses UTF-8 directly
 * and a text copy is made only for a line that becomes a dead letter.
 *
 * @param file  the file's name
 * @param line  the line number, from 1
 * @param utf8  the line without its line break, or its first part when {@code cut}
 * @param bytes the line's full length in bytes
 * @param cut   true when the line was longer than the reader keeps; it is then rejected as oversize
 */
public record RawLine(String file, long line, byte[] utf8, long bytes, boolean cut) {

    /** {@code file:line}, what a dead letter points back to. */
    public String origin() {
        return file + ":" + line;
    }

    /** The line as text; invalid UTF-8 shows as replacement characters, as a dead letter should show it. */
    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** True when the line holds nothing but whitespace (blank lines separate nothing in JSON Lines). */
    public boolean isBlank() {
        for (byte b : utf8) {
            if (b < 0) {
                return text().isBlank(); // non-ASCII: let Java decide what counts as space
            }
            if (b != ' ' && (b < 0x09 || b > 0x0D) && (b < 0x1C || b > 0x1F)) { // Character.isWhitespace in ASCII
                return false;
            }
        }
        return true;
    }
}
