package org.laborwatch.rules.fact;

/**
 * The 18-character unified social credit code (统一社会信用代码) and its check character, GB 32100-2015.
 *
 * <p>Position weights are 3^i mod 31; the check character makes the weighted sum a multiple of 31. The code alphabet
 * leaves out I, O, S, V and Z so they cannot be misread as digits.
 */
public final class CreditCode {
    public static final int LENGTH = 18;
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    /** Each ASCII character's value in the alphabet, or -1: one array read per character instead of a search. */
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private CreditCode() {
    }

    /** What is wrong with a code, or {@code null} when it is well formed with a correct check character. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "missing";
        }
        if (code.length() != LENGTH) {
            return "length " + code.length() + ", expected 18";
        }
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            int value = valueOf(code.charAt(i));
            if (value < 0) {
                return "character '" + code.charAt(i) + "' at position " + (i + 1) + " is not in the code alphabet";
            }
            if (i < LENGTH - 1) {
                sum += value * WEIGHTS[i];
            }
        }
        char expected = checkCharacterFor(sum);
        if (code.charAt(LENGTH - 1) != expected) {
            return "check character is '" + code.charAt(LENGTH - 1) + "', expected '" + expected + "'";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = valueOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + first17.charAt(i) + "' is not in the code alphabet");
            }
            sum += value * WEIGHTS[i];
        }
        return checkCharacterFor(sum);
    }

    private static int valueOf(char c) {
        return c < VALUES.length ? VALUES[c] : -1;
    }

    private static char checkCharacterFor(int weightedSum) {
        return ALPHABET.charAt((31 - weightedSum % 31) % 31);
    }

    /** Completes a 17-character prefix with its check character. */
    public static String withCheckCharacter(String first17) {
        return first17 + checkCharacter(first17);
    }
}
