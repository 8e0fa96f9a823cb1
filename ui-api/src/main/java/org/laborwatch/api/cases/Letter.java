package org.laborwatch.api.cases;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.laborwatch.api.letter.LetterKind;
import org.laborwatch.api.letter.LetterText;

/**
 * A letter of the union's 一函两书 as issued in a case: its number of the year ({@code 2026-0003}), its kind, the text
 * as sent (the filled template, as the issuer edited it), when and by whom.
 */
@Serdeable
public record Letter(String number, LetterKind kind, LetterText text, Instant issuedAt, String issuedBy) {
}
