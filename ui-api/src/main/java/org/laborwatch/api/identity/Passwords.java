package org.laborwatch.api.identity;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt through a well-kept library, never a hash of our own. Cost 10 takes ~50 ms here: slow enough to make
 * guessing dear, fast enough for a sign-in. A check against a missing user still spends the same time, so the answer
 * time does not tell which usernames exist.
 */
@Singleton
public class Passwords {
    static final int COST = 10;
    static final int MIN_LENGTH = 10;
    private static final byte[] NO_USER = BCrypt.withDefaults().hash(COST, "no such user".toCharArray());

    public String hash(String password) {
        return new String(BCrypt.withDefaults().hash(COST, password.toCharArray()), StandardCharsets.US_ASCII);
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.toCharArray(), hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Spends a check's time for a username that does not exist. */
    public void matchNothing(String password) {
        BCrypt.verifyer().verify(password.toCharArray(), NO_USER);
    }
}
