package org.laborwatch.connectors.file;

/**
 * One line of a JSON Lines file as read, before decoding.
 *
 * @param origin {@code file:line}, what a dead letter points back to
 * @param text   the line, or its first part when {@code cut}
 * @param bytes  the line's full length in bytes
 * @param cut    true when the line was longer than the reader keeps; it is then rejected as oversize
 */
public record RawLine(String origin, String text, long bytes, boolean cut) {
}
