package org.laborwatch.api.alert;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.laborwatch.api.problem.BadRequest;

/**
 * Where a feed page ends: the last alert's raise time and id. The feed is sorted by exactly these two, newest first,
 * and ids are unique, so {@code search_after} from here returns every alert that was there once and never one
 * twice, however many are indexed meanwhile (they appear on later pages when they are older than the cursor).
 */
record AlertCursor(long raisedAtMillis, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((raisedAtMillis + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static AlertCursor decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new AlertCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new BadRequest("cursor: not a cursor this service gave out; start again without it");
        }
    }
}
