package org.laborwatch.api.privacy;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Complainants' identities never leave the service: signal attributes that name, number or reach a person are
 * masked in every response, keeping only enough (first and last character) to tell two apart on one screen.
 */
public final class Masking {
    /** Attribute keys (lower case) that identify a person. */
    static final Set<String> PERSONAL = Set.of("complainant", "complainantname", "complainantphone",
            "complainantid", "name", "phone", "mobile", "idcard", "idnumber", "contact", "email", "address");

    private Masking() {
    }

    public static Map<String, String> attributes(Map<String, ?> attributes) {
        Map<String, String> shown = new TreeMap<>();
        attributes.forEach((key, value) -> shown.put(key, value == null ? null
                : isPersonal(key) ? mask(value.toString()) : value.toString()));
        return shown;
    }

    static boolean isPersonal(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return PERSONAL.contains(k) || k.startsWith("complainant");
    }

    /** {@code P123456} → {@code P*****6}; {@code 张三} → {@code 张*}; one character → {@code *}. */
    static String mask(String value) {
        int n = value.codePointCount(0, value.length());
        if (n <= 1) {
            return "*";
        }
        int first = value.codePointAt(0);
        if (n == 2) {
            return new String(Character.toChars(first)) + "*";
        }
        int last = value.codePointBefore(value.length());
        return new String(Character.toChars(first)) + "*".repeat(n - 2) + new String(Character.toChars(last));
    }
}
