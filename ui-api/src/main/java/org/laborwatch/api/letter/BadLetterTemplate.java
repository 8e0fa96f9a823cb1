package org.laborwatch.api.letter;

/**
 * A letter template that cannot be used: it does not parse, names a placeholder that does not exist, or does not
 * yield the letter's blocks. The message names the template and where it came from (the city's directory or the
 * bundled default), so whoever edited it can fix it; it is an operator's problem, not the user's.
 */
public final class BadLetterTemplate extends RuntimeException {

    BadLetterTemplate(String message, Throwable cause) {
        super(message, cause);
    }
}
