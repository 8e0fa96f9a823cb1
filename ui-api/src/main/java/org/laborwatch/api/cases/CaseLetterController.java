package org.laborwatch.api.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.api.letter.LetterKind;
import org.laborwatch.api.letter.LetterText;
import org.laborwatch.api.letter.NoCjkFont;

/**
 * {@code /api/cases/{id}/letters}: the union's 一函两书 — a draft to edit, issuing it with its number, and the issued
 * letter as DOCX (or PDF with {@code Accept: application/pdf}, where a Chinese font is installed).
 */
@Controller("/api/cases/{id}/letters")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cases")
class CaseLetterController {
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private final CaseLetters letters;

    CaseLetterController(CaseLetters letters) {
        this.letters = letters;
    }

    /** A draft: its parts, and the same as one text to edit and send back as {@code text}. */
    @Serdeable
    record Draft(LetterKind kind, LetterText letter, String text) {
    }

    @Get("/draft")
    @Secured({Roles.HANDLER, Roles.LEAD})
    @Operation(summary = "The letter the union would issue now, filled from the case's facts, to read and edit")
    Draft draft(@PathVariable @Pattern(regexp = CaseController.CASE_ID) String id, @QueryValue LetterKind kind,
                @QueryValue @Nullable @Size(max = 200) String addressee,
                @QueryValue @Nullable @Min(1) @Max(90) Integer responseDays,
                Authentication authentication) throws IOException {
        LetterText text = letters.draft(Caller.of(authentication), id,
                new Requests.LetterDraft(kind, addressee, responseDays, null));
        return new Draft(kind, text, text.plain());
    }

    @Post
    @Secured({Roles.HANDLER, Roles.LEAD})
    @Operation(summary = "Issue a letter: {\"kind\": \"REMINDER\" | \"OPINION\" | \"SUGGESTION\"}",
            description = "Each kind only after the one before it (409 otherwise). `text` is the draft as edited; "
                    + "without it the filled template is issued. A 建议书 names its `addressee`.")
    HttpResponse<Letter> issue(@PathVariable @Pattern(regexp = CaseController.CASE_ID) String id,
                               @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                               @Body @Valid Requests.LetterDraft request, Authentication authentication)
            throws IOException {
        Letter letter = letters.issue(Caller.of(authentication), id, ifMatch, request);
        return HttpResponse.created(letter);
    }

    @Get(value = "/{number}", produces = {DOCX, MediaType.APPLICATION_PDF, MediaType.APPLICATION_JSON})
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "An issued letter: DOCX, or PDF with Accept: application/pdf, or JSON")
    HttpResponse<?> download(@PathVariable @Pattern(regexp = CaseController.CASE_ID) String id,
                             @PathVariable @Pattern(regexp = "\\d{4}-\\d{4,6}") String number,
                             @Header(HttpHeaders.ACCEPT) @Nullable String accept,
                             Authentication authentication) throws IOException {
        Letter letter = letters.issued(Caller.of(authentication), id, number);
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON)) {
            return HttpResponse.ok(letter).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        boolean pdf = accept != null && accept.contains(MediaType.APPLICATION_PDF);
        byte[] body;
        try {
            body = pdf ? letters.pdf(letter) : letters.docx(letter);
        } catch (NoCjkFont e) {
            throw new HttpStatusException(HttpStatus.NOT_ACCEPTABLE, "no PDF: " + e.getMessage()
                    + " (the DOCX is always available: ask without Accept: application/pdf)");
        }
        String file = letter.kind().title() + "-" + letter.number() + (pdf ? ".pdf" : ".docx");
        return HttpResponse.ok(body).contentType(pdf ? MediaType.APPLICATION_PDF : DOCX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"letter-" + letter.number()
                        + (pdf ? ".pdf" : ".docx") + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
