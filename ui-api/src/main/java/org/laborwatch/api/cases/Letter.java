package org.laborwatch.api.cases;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.laborwatch.api.letter.LetterKind;

/** A letter of the union's 一函两书, as issued: its number of the year, addressee, issuer and the text sent. */
@Serdeable
public record Letter(String number, LetterKind kind, String title, String addressee, List<String> paragraphs,
                     String signature, Instant issuedAt, String issuedBy) {
}
